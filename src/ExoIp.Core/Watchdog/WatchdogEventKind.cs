namespace ExoIp.Watchdog;

/// <summary>What a <see cref="WatchdogEvent"/> reports.</summary>
public enum WatchdogEventKind
{
    /// <summary>The watchdog started: socket bound, first advert sent.</summary>
    Started = 0,

    /// <summary>The watchdog stopped; the message says whether it released the Elastic IP.</summary>
    Stopped,

    /// <summary>The role changed (<see cref="WatchdogEvent.Role"/>, <see cref="WatchdogEvent.Reason"/>).</summary>
    StateChanged,

    /// <summary>A peer started advertising, or came back.</summary>
    PeerUp,

    /// <summary>A peer fell silent for more than interval × dead ratio.</summary>
    PeerDown,

    /// <summary>A peer joined the security group.</summary>
    PeerJoined,

    /// <summary>A peer left the security group (it leaves the election).</summary>
    PeerLeft,

    /// <summary>An attach, detach or check of the Elastic IP finished (<see cref="WatchdogEvent.Action"/>).</summary>
    ApiAction,

    /// <summary>Something went wrong that the watchdog works around (an API failure it will retry, ...).</summary>
    Warning,

    /// <summary>The health checks' verdict changed (<see cref="WatchdogEvent.Health"/>; when unhealthy, the reason in <see cref="WatchdogEvent.Error"/>).</summary>
    HealthChanged,

    /// <summary>
    /// A notify hook ran for a role change (<see cref="WatchdogEvent.AnnouncedRole"/>, <see cref="WatchdogEvent.Hook"/>,
    /// <see cref="WatchdogEvent.NotifyOutcome"/>, <see cref="WatchdogEvent.ExitCode"/>, <see cref="WatchdogEvent.Duration"/>).
    /// </summary>
    Notified,

    /// <summary>A backup's master changed without a change of its own role (<see cref="WatchdogEvent.PeerAddress"/>: the new master, null for none).</summary>
    MasterChanged,

    /// <summary>
    /// A detail of the watchdog's work that only a verbose view shows (exoip -v, -Verbose): the Elastic IP's id, a priority
    /// or deferral change, the peers listed, a reconciliation and its checks, new advert keys, a stall forgiven.
    /// </summary>
    Detail,
}
