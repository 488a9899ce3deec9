namespace ExoIp.Protocol;

/// <summary>
/// Why a received datagram is not a valid advertisement: the codec (<see cref="Advertisement.TryDecode"/>) gives
/// the first reasons, an authenticating node (<see cref="AdvertisementVerifier"/>) the last four too.
/// </summary>
public enum AdvertisementRejection
{
    /// <summary>The datagram is a valid advertisement.</summary>
    None = 0,

    /// <summary>
    /// Not exactly <see cref="Advertisement.Size"/> bytes (longer ones are not truncated); for a node with a
    /// key, neither that nor <see cref="AuthenticatedAdvertisement.Size"/>.
    /// </summary>
    WrongLength,

    /// <summary>The first two bytes are not the protocol version <c>02 01</c>.</summary>
    WrongVersion,

    /// <summary>Byte 3, the priority check byte, differs from the priority in byte 2.</summary>
    PriorityCheckMismatch,

    /// <summary>The address field is not a unicast IPv4 address (0.0.0.0, multicast, reserved, broadcast).</summary>
    NotIPv4,

    /// <summary>A node with a key: no trailer (a plain 24-byte advert), or a MAC that does not match.</summary>
    Unauthenticated,

    /// <summary>A node with a key: the trailer names a key id that is not one of the node's keys.</summary>
    UnknownKey,

    /// <summary>A node with a key: the timestamp is not strictly newer than the last one accepted from that sender.</summary>
    Replayed,

    /// <summary>A node with a key: the timestamp is outside the window around the node's clock.</summary>
    Stale,
}
