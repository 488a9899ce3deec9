using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security;
using System.Security.Cryptography;
using System.Text;

namespace ExoIp.Authentication;

/// <summary>
/// A shared advertisement key: at least <see cref="MinimumLength"/> bytes of material, the UTF-8 bytes of
/// its text (a line of a key file, or a SecureString). Its <see cref="Id"/> is derived from the material,
/// so nodes never configure one and two nodes with the same key always agree on it.
/// </summary>
public sealed class AuthKey
{
    /// <summary>The least key material accepted, in bytes.</summary>
    public const int MinimumLength = 16;

    // The key id is a MAC of this fixed label: it names the key without telling anything about it.
    private static readonly byte[] IdLabel = Encoding.ASCII.GetBytes("exoip key id");

    private readonly byte[] _material;

    private AuthKey(byte[] material)
    {
        _material = material;
        using var hmac = new HMACSHA256(material);
        Id = BinaryPrimitives.ReadUInt32BigEndian(hmac.ComputeHash(IdLabel));
    }

    /// <summary>The key's id as carried in every advert it signs: the first 4 bytes of HMAC-SHA256(key, "exoip key id").</summary>
    public uint Id { get; }

    /// <summary>The id as 8 hexadecimal digits, the way logs and cmdlets show it.</summary>
    public string IdText => FormatId(Id);

    /// <summary>The key material, for the MAC.</summary>
    internal ReadOnlySpan<byte> Material => _material;

    /// <summary>Formats a key id as 8 hexadecimal digits.</summary>
    public static string FormatId(uint id) => id.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A key from its text: the UTF-8 bytes of <paramref name="text"/> without surrounding white space.</summary>
    /// <param name="text">The key's text.</param>
    /// <param name="origin">Where the text came from, for the error message (never the text itself).</param>
    /// <exception cref="AuthKeyException">Fewer than <see cref="MinimumLength"/> bytes.</exception>
    public static AuthKey FromText(string text, string origin)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        return FromBytes(Encoding.UTF8.GetBytes(text.Trim()), origin);
    }

    /// <summary>A key from a SecureString's text (see <see cref="FromText"/>); the plain text is wiped after use.</summary>
    /// <exception cref="AuthKeyException">Fewer than <see cref="MinimumLength"/> bytes.</exception>
    public static AuthKey FromSecureString(SecureString secret, string origin)
    {
        if (secret is null) throw new ArgumentNullException(nameof(secret));
        var chars = new char[secret.Length];
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
        try
        {
            Marshal.Copy(pointer, chars, 0, chars.Length);
            var (start, length) = Trimmed(chars);
            var bytes = Encoding.UTF8.GetBytes(chars, start, length);
            return FromBytes(bytes, origin);
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            Array.Clear(chars, 0, chars.Length);
        }
    }

    private static AuthKey FromBytes(byte[] material, string origin)
    {
        if (material.Length < MinimumLength)
        {
            Array.Clear(material, 0, material.Length);
            throw new AuthKeyException(AuthKeyProblem.TooShort,
                $"The key from {origin} has {material.Length} bytes; at least {MinimumLength} are needed (New-ExoIpAuthKey makes one).");
        }
        return new AuthKey(material);
    }

    private static (int Start, int Length) Trimmed(char[] chars)
    {
        var start = 0;
        var end = chars.Length;
        while (start < end && char.IsWhiteSpace(chars[start])) start++;
        while (end > start && char.IsWhiteSpace(chars[end - 1])) end--;
        return (start, end - start);
    }

    /// <summary>The key's id, never its material.</summary>
    public override string ToString() => $"key {IdText}";
}
