using System;
using System.Linq;
using ExoIp.PowerShell.Hosting;
using ExoIp.Watchdog;

namespace ExoIp.PowerShell.Output;

/// <summary>A running watchdog at a moment, as Get-ExoIpWatchdog shows it.</summary>
public sealed class WatchdogInfo
{
    internal WatchdogInfo(WatchdogSession session)
    {
        var snapshot = session.Engine.GetSnapshot();
        Name = snapshot.Name;
        ElasticIp = snapshot.ElasticIp.ToString();
        InstanceId = snapshot.InstanceId;
        Bind = snapshot.Bind.ToString();
        Status = snapshot.Status;
        Role = snapshot.Role;
        Priority = session.Engine.Priority; // the live value: the snapshot catches up on the next loop turn
        AdvertisedPriority = snapshot.AdvertisedPriority;
        HoldsElasticIp = snapshot.HoldsElasticIp;
        PeersAlive = snapshot.Peers.Count(p => p.IsAlive);
        PeersKnown = snapshot.Peers.Count;
        StartedAt = snapshot.StartedAt;
        LastTransitionAt = snapshot.LastTransitionAt;
        LastTransitionReason = snapshot.LastTransitionReason;
        Health = snapshot.Health;
        HealthReason = snapshot.HealthReason;
        Counters = session.Engine.Counters;
    }

    /// <summary>The watchdog's name.</summary>
    public string Name { get; }
    /// <summary>The Elastic IP it watches over.</summary>
    public string ElasticIp { get; }
    /// <summary>This node's instance id.</summary>
    public Guid InstanceId { get; }
    /// <summary>Where it listens.</summary>
    public string Bind { get; }
    /// <summary>Running, Stopping, Stopped.</summary>
    public WatchdogStatus Status { get; }
    /// <summary>Master, Backup, or Starting during the hold-off.</summary>
    public Election.NodeRole Role { get; }
    /// <summary>Its priority, lower wins.</summary>
    public byte Priority { get; }
    /// <summary>The priority in its adverts (255 while stopping).</summary>
    public byte AdvertisedPriority { get; }
    /// <summary>Whether the API last said this node holds the Elastic IP.</summary>
    public bool? HoldsElasticIp { get; }
    /// <summary>Peers heard from within the dead time.</summary>
    public int PeersAlive { get; }
    /// <summary>Peers known.</summary>
    public int PeersKnown { get; }
    /// <summary>When it started.</summary>
    public DateTimeOffset? StartedAt { get; }
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
}
