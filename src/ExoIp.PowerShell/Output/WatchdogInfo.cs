using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using ExoIp.PowerShell.Hosting;
using ExoIp.Status;
using ExoIp.Watchdog;

namespace ExoIp.PowerShell.Output;

/// <summary>A running watchdog at a moment, as Get-ExoIpWatchdog shows it.</summary>
public sealed class WatchdogInfo
{
    internal WatchdogInfo(WatchdogSession session)
    {
        var snapshot = session.Engine.GetSnapshot();
        // The same report exoip -S answers with, so both tell the same facts the same way.
        var report = StatusReport.Of(snapshot, session.Engine.Options, session.Api, DateTimeOffset.UtcNow);
        Name = snapshot.Name;
        ElasticIp = snapshot.ElasticIp;
        InstanceId = snapshot.InstanceId.ToString();
        BindAddress = snapshot.Bind.Address;
        Port = snapshot.Bind.Port;
        Status = snapshot.Status;
        Role = snapshot.Role;
        Priority = session.Engine.Priority; // the live value: the snapshot catches up on the next loop turn
        AdvertisedPriority = snapshot.AdvertisedPriority;
        AuthKeys = session.Engine.AuthKeys?.ToString();
        HoldsElasticIp = snapshot.HoldsElasticIp;
        PeersAlive = snapshot.Peers.Count(p => p.IsAlive);
        PeersKnown = snapshot.Peers.Count;
        Peers = report.Peers;
        StartedAt = snapshot.StartedAt;
        Uptime = report.Uptime;
        LastTransitionAt = snapshot.LastTransitionAt;
        LastTransitionReason = snapshot.LastTransitionReason;
        Health = snapshot.Health;
        HealthReason = snapshot.HealthReason;
        Preemption = report.Preemption;
        LastApiAction = report.LastApiAction;
        LastApiError = report.LastApiError;
        Counters = session.Engine.Counters;
    }

    /// <summary>The watchdog's name.</summary>
    public string Name { get; }
    /// <summary>The Elastic IP it watches over.</summary>
    public IPAddress ElasticIp { get; }
    /// <summary>This node's instance id.</summary>
    public string InstanceId { get; }
    /// <summary>The address it listens on (0.0.0.0: every address).</summary>
    public IPAddress BindAddress { get; }
    /// <summary>The UDP port it listens on and sends to.</summary>
    public int Port { get; }
    /// <summary>Running, Stopping, Stopped.</summary>
    public WatchdogStatus Status { get; }
    /// <summary>Master, Backup, or Starting during the hold-off.</summary>
    public Election.NodeRole Role { get; }
    /// <summary>Its priority, lower wins.</summary>
    public byte Priority { get; }
    /// <summary>The priority in its adverts (255 while stopping).</summary>
    public byte AdvertisedPriority { get; }

    /// <summary>The ids of the advert keys, the signing one first ("next" for the other), or null without a key.</summary>
    public string? AuthKeys { get; }
    /// <summary>Whether the API last said this node holds the Elastic IP.</summary>
    public bool? HoldsElasticIp { get; }
    /// <summary>Peers heard from within the dead time.</summary>
    public int PeersAlive { get; }
    /// <summary>Peers known.</summary>
    public int PeersKnown { get; }
    /// <summary>Each peer: address, alive, the priority it last advertised, how long since its last advert, master.</summary>
    public IReadOnlyList<PeerStatus> Peers { get; }
    /// <summary>When it started.</summary>
    public DateTimeOffset? StartedAt { get; }
    /// <summary>How long it has run; null before it started.</summary>
    public TimeSpan? Uptime { get; }
    /// <summary>When its role last changed.</summary>
    public DateTimeOffset? LastTransitionAt { get; }
    /// <summary>Why its role last changed.</summary>
    public string? LastTransitionReason { get; }
    /// <summary>Adverts sent/received/dropped by reason, transitions, API calls, errors and retries.</summary>
    public WatchdogCounters Counters { get; }

    /// <summary>What the health checks say: Unknown, Healthy or Unhealthy; null without checks.</summary>
    public ExoIp.Health.HealthStatus? Health { get; }

    /// <summary>The last failed health check's reason; null when none failed.</summary>
    public string? HealthReason { get; }

    /// <summary>Never (-NoPreempt) or after a delay, and whether it defers now (advertising 254).</summary>
    public PreemptionStatus Preemption { get; }

    /// <summary>The last API action (attach, detach, check), its outcome and age; null before the first.</summary>
    public ApiActionStatus? LastApiAction { get; }

    /// <summary>The last failed API action, with its error; null when none failed.</summary>
    public ApiActionStatus? LastApiError { get; }
}
