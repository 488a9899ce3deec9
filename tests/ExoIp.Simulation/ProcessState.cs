namespace ExoIp.Simulation;

/// <summary>Where one incarnation of a node's process is.</summary>
public enum ProcessState
{
    /// <summary>Runs: its timers fire, datagrams and answers reach it.</summary>
    Running,

    /// <summary>SIGSTOP: what is due for it waits (timers in order, datagrams in a bounded socket buffer).</summary>
    Paused,

    /// <summary>SIGKILL, or a graceful stop that ended: nothing reaches it again.</summary>
    Gone,
}
