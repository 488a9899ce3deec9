using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using ExoIp.Health;
using ExoIp.Notify;

namespace ExoIp.Watchdog;

/// <summary>
/// What a reload (SIGHUP) changes in a running watchdog, handed to <see cref="WatchdogEngine.Reconfigure"/>: the
/// loop applies it between two decision passes, all at once. Of <see cref="Options"/> only the settings that can
/// change while running are taken (<see cref="AppliedTo"/>): the peer source and its refresh interval, the
/// preemption rule, and, with new checks or hooks, their options. The Elastic IP, the bind address, the instance
/// id, the interval and the dead ratio stay as they run: the peers judge this node by them.
/// </summary>
/// <param name="Options">The configuration as the file now says.</param>
public sealed record Reconfiguration(WatchdogOptions Options)
{
    /// <summary>The new priority; null keeps the running one (a SIGUSR1 or SIGUSR2 since the start stays).</summary>
    public byte? Priority { get; init; }

    /// <summary>
    /// New health checks, which replace the running ones (their monitor stops; what it said no longer counts): the
    /// node keeps its verdict until the new checks' first round, which decides at once. Empty: no checks any more,
    /// healthy. Null keeps the running checks.
    /// </summary>
    public IReadOnlyList<IHealthCheck>? HealthChecks { get; init; }

    /// <summary>
    /// New notify hooks, which hear the next role change (the running ones finish what they run). Empty: no hook
    /// any more. Null keeps the running hooks.
    /// </summary>
    public IReadOnlyList<INotifyHook>? NotifyHooks { get; init; }

    /// <summary>The running options with what this reconfiguration changes.</summary>
    /// <exception cref="ArgumentException">The result is invalid (the message names each bad option).</exception>
    public WatchdogOptions AppliedTo(WatchdogOptions running)
    {
        if (running is null) throw new ArgumentNullException(nameof(running));
        var applied = running with
        {
            Priority = Priority ?? running.Priority,
            Peers = Options.Peers,
            PeerGroup = Options.PeerGroup,
            InstancePool = Options.InstancePool,
            PeerRefreshInterval = Options.PeerRefreshInterval,
            PreemptDelay = Options.PreemptDelay,
            NoPreempt = Options.NoPreempt,
            HealthCheck = HealthChecks is null ? running.HealthCheck : Options.HealthCheck,
            NotifyTimeout = NotifyHooks is null ? running.NotifyTimeout : Options.NotifyTimeout,
        };
        applied.ThrowIfInvalid();
        return applied;
    }

    /// <summary>True when <paramref name="applied"/> takes its peers from elsewhere than <paramref name="running"/>.</summary>
    internal static bool PeerSourceChanged(WatchdogOptions running, WatchdogOptions applied) =>
        running.PeerGroup != applied.PeerGroup || running.InstancePool != applied.InstancePool
        || !(running.Peers ?? Array.Empty<IPAddress>()).SequenceEqual(applied.Peers ?? Array.Empty<IPAddress>());
}
