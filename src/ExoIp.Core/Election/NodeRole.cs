namespace ExoIp.Election;

/// <summary>What a node is, as the election decides it.</summary>
public enum NodeRole
{
    /// <summary>In the start-up hold-off: listening to peers before claiming anything.</summary>
    Starting = 0,

    /// <summary>A live peer beats this node; it does not hold the Elastic IP (once a handover completes).</summary>
    Backup,

    /// <summary>No live peer beats this node; it holds the Elastic IP.</summary>
    Master,

    /// <summary>
    /// Its health checks fail: it advertises priority 255 so that a healthy node takes over, and never attaches
    /// the Elastic IP. Holding it, it hands it over make-before-break, or keeps it while no live node is healthy.
    /// </summary>
    Fault,
}
