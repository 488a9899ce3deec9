using System;
using System.Collections.Generic;
using System.Linq;
using ExoIp.Watchdog;

namespace ExoIp.Status;

/// <summary>
/// A running watchdog's state at a moment, as a person asks for it: its snapshot, with what is told relative to
/// that moment (uptime, each peer's silence, the age of the last API action and error) and its preemption.
/// The one source of <c>exoip -S</c> (<see cref="StatusDocument"/>) and of Get-ExoIpWatchdog.
/// </summary>
public sealed record StatusReport
{
    /// <summary>The watchdog's snapshot the report tells of.</summary>
    public required WatchdogSnapshot Snapshot { get; init; }

    /// <summary>The moment the report was made.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>How long it has run; null before it started.</summary>
    public TimeSpan? Uptime { get; init; }

    /// <summary>Its peers, by address.</summary>
    public required IReadOnlyList<PeerStatus> Peers { get; init; }

    /// <summary>When it takes the Elastic IP back, and whether it is deferring now.</summary>
    public required PreemptionStatus Preemption { get; init; }

    /// <summary>The last API action; null before the first.</summary>
    public ApiActionStatus? LastApiAction { get; init; }

    /// <summary>The last failed API action; null when none failed.</summary>
    public ApiActionStatus? LastApiError { get; init; }

    /// <summary>The report of <paramref name="snapshot"/> at <paramref name="now"/>.</summary>
    public static StatusReport Of(WatchdogSnapshot snapshot, WatchdogOptions options, ApiActivity api, DateTimeOffset now)
    {
        if (snapshot is null) throw new ArgumentNullException(nameof(snapshot));
        if (options is null) throw new ArgumentNullException(nameof(options));
        if (api is null) throw new ArgumentNullException(nameof(api));
        return new StatusReport
        {
            Snapshot = snapshot,
            At = now,
            Uptime = now - snapshot.StartedAt,
            Peers = snapshot.Peers.Select(peer => new PeerStatus(peer.Address, peer.IsAlive, peer.Priority, now - peer.LastSeen, peer.IsMaster)).ToArray(),
            // 254 in the adverts: a better node waiting out its delay, or -NoPreempt deferring to a live holder.
            Preemption = new PreemptionStatus(options.NoPreempt, options.PreemptDelay, snapshot.AdvertisedPriority == 254),
            LastApiAction = ApiActionStatus.Of(api.LastAction, now),
            LastApiError = ApiActionStatus.Of(api.LastError, now),
        };
    }
}
