using System;
using System.Buffers.Binary;

namespace ExoIp.Protocol;

/// <summary>
/// The layout of an authenticated advert: the 24 bytes of <see cref="Advertisement"/>, unchanged, then a
/// 28-byte trailer (all integers big-endian):
/// <code>
/// offset size field
///  0     24   the advert (version 02 01, priority, check byte, Elastic IP, identity)
/// 24      4   key id: the first 4 bytes of HMAC-SHA256(key, "exoip key id")
/// 28      8   timestamp: microseconds since 1970-01-01 UTC, strictly increasing per sender
/// 36     16   MAC: HMAC-SHA256(key, bytes 0..35), first 16 bytes
/// </code>
/// A timestamp rather than a counter, so a sender that restarts (after a crash, with nothing persisted)
/// goes on from where its clock is, and receivers never lock it out with its own old counter.
/// </summary>
public static class AuthenticatedAdvertisement
{
    /// <summary>The size of an authenticated advert on the wire.</summary>
    public const int Size = Advertisement.Size + TrailerSize;

    /// <summary>The size of the trailer after the 24 original bytes.</summary>
    public const int TrailerSize = 4 + 8 + MacSize;

    /// <summary>Bytes of the HMAC-SHA256 kept (128 bits, as RFC 4868 truncates it for IPsec).</summary>
    public const int MacSize = 16;

    /// <summary>The bytes the MAC covers: everything before it.</summary>
    public const int SignedSize = MacOffset;

    internal const int KeyIdOffset = Advertisement.Size;
    internal const int TimestampOffset = KeyIdOffset + 4;
    internal const int MacOffset = TimestampOffset + 8;

    private static readonly long UnixEpochTicks = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    /// <summary>Reads the key id and timestamp of an authenticated advert (no check of the MAC).</summary>
    /// <returns>False when <paramref name="datagram"/> is not <see cref="Size"/> bytes long.</returns>
    public static bool TryReadTrailer(ReadOnlySpan<byte> datagram, out AdvertisementTrailer trailer)
    {
        trailer = default;
        if (datagram.Length != Size) return false;
        trailer = new AdvertisementTrailer(
            BinaryPrimitives.ReadUInt32BigEndian(datagram.Slice(KeyIdOffset, 4)),
            BinaryPrimitives.ReadInt64BigEndian(datagram.Slice(TimestampOffset, 8)));
        return true;
    }

    /// <summary>Writes the key id and timestamp fields (the MAC is written by the signer).</summary>
    internal static void WriteTrailer(Span<byte> datagram, AdvertisementTrailer trailer)
    {
        BinaryPrimitives.WriteUInt32BigEndian(datagram.Slice(KeyIdOffset, 4), trailer.KeyId);
        BinaryPrimitives.WriteInt64BigEndian(datagram.Slice(TimestampOffset, 8), trailer.Timestamp);
    }

    /// <summary>A time as a trailer timestamp: microseconds since the Unix epoch.</summary>
    public static long ToTimestamp(DateTimeOffset time) => (time.UtcTicks - UnixEpochTicks) / 10;

    /// <summary>A trailer timestamp as a time.</summary>
    public static DateTimeOffset FromTimestamp(long timestamp) =>
        new(UnixEpochTicks + Math.Max(0, Math.Min(timestamp, (DateTimeOffset.MaxValue.UtcTicks - UnixEpochTicks) / 10)) * 10, TimeSpan.Zero);
}
