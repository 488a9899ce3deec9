using System;
using ExoIp.Authentication;

namespace ExoIp.Protocol;

/// <summary>The key id and timestamp of an authenticated advert's trailer.</summary>
public readonly struct AdvertisementTrailer
{
    /// <summary>Creates a trailer.</summary>
    public AdvertisementTrailer(uint keyId, long timestamp)
    {
        KeyId = keyId;
        Timestamp = timestamp;
    }

    /// <summary>The id of the key that signed the advert.</summary>
    public uint KeyId { get; }

    /// <summary>Microseconds since 1970-01-01 UTC.</summary>
    public long Timestamp { get; }

    /// <summary>The timestamp as a time.</summary>
    public DateTimeOffset Time => AuthenticatedAdvertisement.FromTimestamp(Timestamp);

    /// <inheritdoc />
    public override string ToString() => $"key {AuthKey.FormatId(KeyId)}, {Time:yyyy-MM-ddTHH:mm:ss.ffffffZ}";
}
