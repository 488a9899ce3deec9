using System;
using System.Collections.Generic;
using System.Net;
using ExoIp.Election;
using ExoIp.Health;

namespace ExoIp.Watchdog;

/// <summary>A watchdog's state at a moment, published by its loop after every change; immutable.</summary>
public sealed record WatchdogSnapshot
{
    /// <summary>The watchdog's name.</summary>
    public required string Name { get; init; }

    /// <summary>The Elastic IP watched over.</summary>
    public required IPAddress ElasticIp { get; init; }

    /// <summary>The Elastic IP's id once the API resolved it.</summary>
    public string? ElasticIpId { get; init; }

    /// <summary>This node's instance id.</summary>
    public required Guid InstanceId { get; init; }

    /// <summary>Where it listens.</summary>
    public required IPEndPoint Bind { get; init; }

    /// <summary>Life cycle: not started, running, stopping, stopped.</summary>
    public required WatchdogStatus Status { get; init; }

    /// <summary>The role the election gave it.</summary>
    public required NodeRole Role { get; init; }

    /// <summary>Its priority (0–255, lower wins).</summary>
    public required byte Priority { get; init; }

    /// <summary>The priority in its adverts: <see cref="Priority"/>, or 255 while stopping.</summary>
    public required byte AdvertisedPriority { get; init; }

    /// <summary>Whether the API last said this node holds the Elastic IP; null when not known.</summary>
    public bool? HoldsElasticIp { get; init; }

    /// <summary>When it started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the role last changed.</summary>
    public DateTimeOffset? LastTransitionAt { get; init; }

    /// <summary>Why the role last changed, as a sentence.</summary>
    public string? LastTransitionReason { get; init; }

    /// <summary>The peers, by address.</summary>
    public required IReadOnlyList<PeerSnapshot> Peers { get; init; }

    /// <summary>What the health checks say (after fall/rise counting); null when the watchdog has none.</summary>
    public HealthStatus? Health { get; init; }

    /// <summary>The last failed health check's reason ("tcp://127.0.0.1:80: Connection refused"); null when none failed.</summary>
    public string? HealthReason { get; init; }
}
