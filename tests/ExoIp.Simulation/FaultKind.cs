namespace ExoIp.Simulation;

/// <summary>Every fault of failover-contract.md the world can inject.</summary>
public enum FaultKind
{
    /// <summary>SIGKILL; restarted after the duration (never, when it lasts to the end).</summary>
    Kill,

    /// <summary>SIGSTOP, SIGCONT after the duration (shorter than D, between D and Rc, or longer than Rc).</summary>
    Pause,

    /// <summary>A VM pause: the process stops and its monotonic clock with it; its wall clock steps on resume.</summary>
    VmPause,

    /// <summary>The node's wall clock steps by the parameter (seconds, either way).</summary>
    WallClockStep,

    /// <summary>SIGTERM (release), started again after the duration.</summary>
    Stop,

    /// <summary>A planned restart (stop keeping the Elastic IP), started again after the duration.</summary>
    Restart,

    /// <summary>Both directions between two nodes dropped.</summary>
    Partition,

    /// <summary>One direction (first target → second) dropped.</summary>
    OneWayPartition,

    /// <summary>A node cut off from every peer (it still reaches the API).</summary>
    Isolate,

    /// <summary>Adverts between two nodes lost with the parameter's probability.</summary>
    Loss,

    /// <summary>The node cannot reach the API (parameter 0: calls hang; 1: they fail fast); its peers still hear it.</summary>
    ApiCutOff,

    /// <summary>The API answers 503.</summary>
    Api5xx,

    /// <summary>The API answers 429 with Retry-After (the parameter, seconds).</summary>
    Api429,

    /// <summary>Every leg and operation takes the parameter times longer.</summary>
    ApiSlow,

    /// <summary>One PUT never answers (until the caller gives up); it may still apply.</summary>
    PutHang,

    /// <summary>One PUT applies but its answer is lost.</summary>
    LostAnswer,

    /// <summary>One operation applies the parameter seconds after its answer.</summary>
    LateApply,

    /// <summary>One operation applies but polling it answers 404.</summary>
    Operation404,

    /// <summary>The node's attach is refused (403).</summary>
    AttachForbidden,

    /// <summary>An instance outside any watchdog gets the Elastic IP by hand.</summary>
    StrayHolder,

    /// <summary>The node's priority changes (the parameter, −1 or +1 per signal) and back after the duration.</summary>
    PriorityFlip,

    /// <summary>The node's health checks fail for the duration.</summary>
    Unhealthy,

    /// <summary>The node leaves the security group or Instance Pool (still running), and rejoins after the duration.</summary>
    LeaveGroup,

    /// <summary>
    /// With authenticated adverts: the node is restarted with another key (parameter 0) or with a rotation done out
    /// of order (parameter 1: the next key already current, the old one as next), and back after the duration.
    /// </summary>
    OtherKey,
}
