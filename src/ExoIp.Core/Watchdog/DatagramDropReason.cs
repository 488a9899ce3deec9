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

    /// <summary>A node with a key: a plain advert, or one whose MAC does not match.</summary>
    Unauthenticated,

    /// <summary>A node with a key: signed with a key that is none of this node's.</summary>
    UnknownKey,

    /// <summary>A node with a key: not newer than the sender's last accepted advert (a replay never counts as a sign of life).</summary>
    Replayed,

    /// <summary>A node with a key: a timestamp outside the window around this node's clock.</summary>
    Stale,

    /// <summary>A peer's advert shed because the loop had too many waiting: a burst is dropped and counted, never queued without bound.</summary>
    Shed,
}

/// <summary>Maps codec and verifier rejections to drop reasons.</summary>
internal static class DatagramDropReasons
{
    /// <summary>The number of reasons, for per-reason counters.</summary>
    public const int Count = (int)DatagramDropReason.Shed + 1;

    /// <summary>The drop reason for a codec rejection.</summary>
    public static DatagramDropReason From(AdvertisementRejection rejection) => rejection switch
    {
        AdvertisementRejection.WrongLength => DatagramDropReason.WrongLength,
        AdvertisementRejection.WrongVersion => DatagramDropReason.WrongVersion,
        AdvertisementRejection.PriorityCheckMismatch => DatagramDropReason.PriorityCheckMismatch,
        AdvertisementRejection.NotIPv4 => DatagramDropReason.NotIPv4,
        AdvertisementRejection.Unauthenticated => DatagramDropReason.Unauthenticated,
        AdvertisementRejection.UnknownKey => DatagramDropReason.UnknownKey,
        AdvertisementRejection.Replayed => DatagramDropReason.Replayed,
        AdvertisementRejection.Stale => DatagramDropReason.Stale,
        _ => throw new ArgumentOutOfRangeException(nameof(rejection), rejection, "Not a rejection."),
    };
}
