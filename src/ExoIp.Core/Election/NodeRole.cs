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
    /// Out of the election (<see cref="ElectionReason.KeyMismatch"/>, <see cref="ElectionReason.ClockSkew"/>,
    /// <see cref="ElectionReason.Unhealthy"/>, <see cref="ElectionReason.ApiRefused"/> and the like). Misconfigured: it
    /// hears only adverts it cannot accept (their keys differ from its own, or its clock stepped away from theirs), so
    /// it claims nothing and makes no API call. Unhealthy: its health checks fail; it
    /// advertises priority 255 so that a healthy node takes over and never attaches the Elastic IP; holding it, it
    /// hands it over make-before-break, or keeps it while no live node is healthy.
    /// </summary>
    Fault,

    /// <summary>The watchdog has ended (stopped, killed or failed): it takes part in no election any more.</summary>
    Stopped,
}
