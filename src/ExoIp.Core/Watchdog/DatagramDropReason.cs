using System;
using ExoIp.Protocol;

namespace ExoIp.Watchdog;

/// <summary>Why the watchdog dropped a received datagram.</summary>
public enum DatagramDropReason
{
    /// <summary>Not exactly 24 bytes.</summary>
    WrongLength = 0,

    /// <summary>Not protocol version <c>02 01</c>.</summary>
    WrongVersion,

    /// <summary>The priority check byte differs from the priority.</summary>
    PriorityCheckMismatch,

    /// <summary>The address field is not a unicast IPv4 address.</summary>
    NotIPv4,

    /// <summary>A valid advert for another Elastic IP.</summary>
    ForeignElasticIp,

    /// <summary>From an address that is not one of the peers (the source port does not matter).</summary>
    UnknownSource,

    /// <summary>From a peer's address, but with another identity than that peer's instance id (or this node's own).</summary>
    IdentityMismatch,
}

/// <summary>Maps codec rejections to drop reasons.</summary>
internal static class DatagramDropReasons
{
    /// <summary>The number of reasons, for per-reason counters.</summary>
    public const int Count = (int)DatagramDropReason.IdentityMismatch + 1;

    /// <summary>The drop reason for a codec rejection.</summary>
    public static DatagramDropReason From(AdvertisementRejection rejection) => rejection switch
    {
        AdvertisementRejection.WrongLength => DatagramDropReason.WrongLength,
        AdvertisementRejection.WrongVersion => DatagramDropReason.WrongVersion,
        AdvertisementRejection.PriorityCheckMismatch => DatagramDropReason.PriorityCheckMismatch,
        AdvertisementRejection.NotIPv4 => DatagramDropReason.NotIPv4,
        _ => throw new ArgumentOutOfRangeException(nameof(rejection), rejection, "Not a rejection."),
    };
}
