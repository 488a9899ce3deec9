namespace ExoIp.Simulation;

/// <summary>What a node-scoped event carries, which decides how a pause treats it.</summary>
public enum DeliveryKind
{
    /// <summary>A timer's callback: held in order during a SIGSTOP, shifted by a VM pause.</summary>
    Timer,

    /// <summary>A datagram: waits in the socket buffer (bounded; the rest are dropped).</summary>
    Datagram,

    /// <summary>An API answer (a task's completion): waits until the process runs again.</summary>
    Answer,
}
