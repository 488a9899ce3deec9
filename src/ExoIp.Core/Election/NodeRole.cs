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
    /// Misconfigured: it hears, from its peers' addresses, only adverts it cannot verify (their keys differ from
    /// its own), so it cannot tell whether they are alive. It claims nothing and makes no API call.
    /// </summary>
    Fault,
}
