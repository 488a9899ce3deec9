using System;
using System.Net;

namespace ExoIp.Watchdog;

/// <summary>One peer as the watchdog saw it at a moment.</summary>
/// <param name="Address">The peer's IPv4 address.</param>
/// <param name="InstanceId">Its instance id, when known (from the API or its adverts).</param>
/// <param name="Priority">The priority it last advertised.</param>
/// <param name="IsAlive">Heard from within interval × dead ratio.</param>
/// <param name="LastSeen">When its last accepted advert arrived.</param>
/// <param name="IsMaster">The election's master, as this node sees it.</param>
/// <param name="HoldsElasticIp">Whether the API last said it holds the Elastic IP; null when not known.</param>
public sealed record PeerSnapshot(
    IPAddress Address,
    Guid? InstanceId,
    byte? Priority,
    bool IsAlive,
    DateTimeOffset? LastSeen,
    bool IsMaster,
    bool? HoldsElasticIp);
