using System;
using System.Linq;
using System.Net;
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
