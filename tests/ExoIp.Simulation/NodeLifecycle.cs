namespace ExoIp.Simulation;

/// <summary>Where a node's slot is between its process incarnations.</summary>
public enum NodeLifecycle
{
    /// <summary>Not started yet (nodes start at drawn offsets).</summary>
    NotStarted,

    /// <summary>Its process runs.</summary>
    Running,

    /// <summary>Its process is paused (SIGSTOP or a VM pause).</summary>
    Paused,

    /// <summary>Told to stop (SIGTERM or a planned restart); its process runs until the stop ends.</summary>
    Stopping,

    /// <summary>No process: killed, or stopped.</summary>
    Down,
}
