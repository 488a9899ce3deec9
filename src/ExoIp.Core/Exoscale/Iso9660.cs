using System;
using System.IO;
using System.Text;

namespace ExoIp.Exoscale;

/// <summary>
/// Reads one file of an ISO 9660 image's root directory (ECMA-119), as the cidata CD-ROM is: through its Joliet
/// names when it has them, else its Rock Ridge names, else the plain 8.3 names (<c>META_DAT.;1</c>).
/// </summary>
internal static class Iso9660
{
    private const int DescriptorSize = 2048;
    private const long FirstDescriptor = 16 * DescriptorSize;
    private const int MaxDescriptors = 32;
    private const int MaxDirectorySize = 1 << 20;
    private static readonly byte[] Signature = Encoding.ASCII.GetBytes("CD001");

    /// <summary>True when the stream holds an ISO 9660 image (a block device's stream has no length to check first).</summary>
    public static bool IsImage(Stream image)
    {
        try
        {
            return HasSignature(ReadAt(image, FirstDescriptor, DescriptorSize));
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>
    /// The content of the root directory's file named <paramref name="name"/> (e.g. <c>meta-data</c>, which plain
    /// ISO 9660 spells <c>META_DAT</c>); null when there is none.
    /// </summary>
    /// <exception cref="InvalidDataException">The image is not ISO 9660 or is damaged.</exception>
    public static byte[]? ReadRootFile(Stream image, string name)
    {
        byte[]? primary = null, joliet = null;
        for (var i = 0; i < MaxDescriptors; i++)
        {
            var descriptor = ReadAt(image, FirstDescriptor + (long)i * DescriptorSize, DescriptorSize);
            if (!HasSignature(descriptor)) throw new InvalidDataException("It is not an ISO 9660 image.");
            var type = descriptor[0];
            if (type == 255) break;
            if (type == 1) primary ??= descriptor;
            // Joliet: a supplementary descriptor whose escape sequence names UCS-2 (levels 1 to 3).
            if (type == 2 && descriptor[88] == 0x25 && descriptor[89] == 0x2F && descriptor[90] is 0x40 or 0x43 or 0x45) joliet ??= descriptor;
        }
        var volume = joliet ?? primary ?? throw new InvalidDataException("The ISO 9660 image has no primary volume descriptor.");
        var blockSize = BitConverter.ToUInt16(volume, 128);
        if (blockSize is not (512 or 1024 or 2048)) throw new InvalidDataException($"The ISO 9660 image has a logical block size of {blockSize}.");

        // The root directory's record sits in the volume descriptor at offset 156.
        var rootExtent = (long)BitConverter.ToUInt32(volume, 156 + 2) * blockSize;
        var rootSize = (int)Math.Min(BitConverter.ToUInt32(volume, 156 + 10), MaxDirectorySize);
        var directory = ReadAt(image, rootExtent, rootSize);
        for (var offset = 0; offset < directory.Length;)
        {
            var length = directory[offset];
            if (length == 0)
            {
                // Records never cross a block: the rest of this one is padding.
                offset = (offset / blockSize + 1) * blockSize;
                continue;
            }
            if (offset + length > directory.Length || length < 34) throw new InvalidDataException("The ISO 9660 root directory is damaged.");
            var isDirectory = (directory[offset + 25] & 0x02) != 0;
            if (!isDirectory && Matches(EntryName(directory, offset, length, joliet is not null), name))
            {
                var extent = (long)BitConverter.ToUInt32(directory, offset + 2) * blockSize;
                var size = (int)Math.Min(BitConverter.ToUInt32(directory, offset + 10), MaxDirectorySize);
                return ReadAt(image, extent, size);
            }
            offset += length;
        }
        return null;
    }

    private static string EntryName(byte[] directory, int offset, int length, bool joliet)
    {
        int nameLength = directory[offset + 32];
        if (joliet) return Encoding.BigEndianUnicode.GetString(directory, offset + 33, nameLength);
        // Rock Ridge keeps the real name in an NM entry of the system use area, after the padded 8.3 name.
        var systemUse = offset + 33 + nameLength + (nameLength % 2 == 0 ? 1 : 0);
        var end = offset + length;
        while (systemUse + 4 <= end)
        {
            int entryLength = directory[systemUse + 2];
            if (entryLength < 4 || systemUse + entryLength > end) break;
            if (directory[systemUse] == 'N' && directory[systemUse + 1] == 'M' && entryLength > 5)
                return Encoding.ASCII.GetString(directory, systemUse + 5, entryLength - 5);
            systemUse += entryLength;
        }
        return Encoding.ASCII.GetString(directory, offset + 33, nameLength);
    }

    // "meta-data" as itself, or as plain ISO 9660 writes it: upper case, '_' for '-', at most 8 characters, ";1".
    private static bool Matches(string entry, string name)
    {
        var semicolon = entry.IndexOf(';');
        var bare = (semicolon < 0 ? entry : entry.Substring(0, semicolon)).TrimEnd('.');
        if (string.Equals(bare, name, StringComparison.OrdinalIgnoreCase)) return true;
        var mangled = name.ToUpperInvariant().Replace('-', '_');
        return string.Equals(bare, mangled.Length > 8 ? mangled.Substring(0, 8) : mangled, StringComparison.Ordinal);
    }

    private static bool HasSignature(byte[] descriptor)
    {
        for (var i = 0; i < Signature.Length; i++)
            if (descriptor[1 + i] != Signature[i]) return false;
        return true;
    }

    private static byte[] ReadAt(Stream image, long position, int count)
    {
        var buffer = new byte[count];
        image.Seek(position, SeekOrigin.Begin);
        var read = 0;
        while (read < count)
        {
            var n = image.Read(buffer, read, count - read);
            if (n == 0) throw new InvalidDataException("The ISO 9660 image ends early.");
            read += n;
        }
        return buffer;
    }
}
