using System;
using System.Buffers.Binary;

namespace ExoIp.Protocol;

/// <summary>
/// A UUID in RFC 4122 byte order (big-endian, as its text form reads). <see cref="Guid.ToByteArray()"/>
/// is mixed-endian, and netstandard2.0 has no big-endian overload (.NET has), hence these two helpers.
/// </summary>
public static class UuidBytes
{
    /// <summary>Writes <paramref name="value"/> into 16 bytes in RFC 4122 order.</summary>
    public static void Write(Guid value, Span<byte> destination)
    {
#if NET
        // No array on the hot path where the runtime can write big-endian itself.
        if (!value.TryWriteBytes(destination, bigEndian: true, out _))
            throw new ArgumentException("The destination needs 16 bytes.", nameof(destination));
#else
        var bytes = value.ToByteArray();
        BinaryPrimitives.WriteUInt32BigEndian(destination, BinaryPrimitives.ReadUInt32LittleEndian(bytes));
        BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(4), BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(4)));
        BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(6), BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(6)));
        bytes.AsSpan(8, 8).CopyTo(destination.Slice(8));
#endif
    }

    /// <summary>Reads 16 bytes in RFC 4122 order.</summary>
    public static Guid Read(ReadOnlySpan<byte> source) => new(
        BinaryPrimitives.ReadInt32BigEndian(source),
        BinaryPrimitives.ReadInt16BigEndian(source.Slice(4)),
        BinaryPrimitives.ReadInt16BigEndian(source.Slice(6)),
        source[8], source[9], source[10], source[11], source[12], source[13], source[14], source[15]);
}
