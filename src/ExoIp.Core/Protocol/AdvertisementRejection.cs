namespace ExoIp.Protocol;

/// <summary>Why a received datagram is not a valid advertisement.</summary>
public enum AdvertisementRejection
{
    /// <summary>The datagram is a valid advertisement.</summary>
    None = 0,

    /// <summary>Not exactly <see cref="Advertisement.Size"/> bytes (longer ones are not truncated).</summary>
    WrongLength,

    /// <summary>The first two bytes are not the protocol version <c>02 01</c>.</summary>
    WrongVersion,

    /// <summary>Byte 3, the priority check byte, differs from the priority in byte 2.</summary>
    PriorityCheckMismatch,

    /// <summary>The address field is not a unicast IPv4 address (0.0.0.0, multicast, reserved, broadcast).</summary>
    NotIPv4,
}
