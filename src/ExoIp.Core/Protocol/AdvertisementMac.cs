using System;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using ExoIp.Authentication;

namespace ExoIp.Protocol;

/// <summary>
/// The truncated HMAC-SHA256 of an advert under one key. One platform HMAC instance is kept and reused;
/// on .NET Core and later its span overload (not in netstandard2.0, so bound once by reflection) makes a
/// MAC without allocating, which keeps a flood of forged adverts from feeding the garbage collector.
/// Not thread-safe: one instance per thread that signs or verifies.
/// </summary>
internal sealed class AdvertisementMac : IDisposable
{
    private delegate bool SpanHash(ReadOnlySpan<byte> source, Span<byte> destination, out int written);

    private static readonly MethodInfo? TryComputeHash = typeof(HashAlgorithm).GetMethod(
        "TryComputeHash", new[] { typeof(ReadOnlySpan<byte>), typeof(Span<byte>), typeof(int).MakeByRefType() });

    private readonly HMACSHA256 _hmac;
    private readonly SpanHash? _spanHash;
    private readonly byte[] _digest = new byte[32];
    private readonly byte[] _input = new byte[AuthenticatedAdvertisement.SignedSize];

    public AdvertisementMac(AuthKey key)
    {
        Key = key ?? throw new ArgumentNullException(nameof(key));
        _hmac = new HMACSHA256(key.Material.ToArray());
        if (TryComputeHash is not null)
            _spanHash = (SpanHash?)Delegate.CreateDelegate(typeof(SpanHash), _hmac, TryComputeHash, throwOnBindFailure: false);
    }

    /// <summary>The key this MAC uses.</summary>
    public AuthKey Key { get; }

    /// <summary>Writes the MAC of <paramref name="signed"/> (the first 36 bytes of the advert) into <paramref name="mac"/>.</summary>
    public void Compute(ReadOnlySpan<byte> signed, Span<byte> mac)
    {
        Digest(signed).Slice(0, AuthenticatedAdvertisement.MacSize).CopyTo(mac);
    }

    /// <summary>True when <paramref name="mac"/> is the MAC of <paramref name="signed"/>, compared in constant time.</summary>
    public bool Matches(ReadOnlySpan<byte> signed, ReadOnlySpan<byte> mac) =>
        FixedTimeEquals(Digest(signed).Slice(0, AuthenticatedAdvertisement.MacSize), mac);

    private ReadOnlySpan<byte> Digest(ReadOnlySpan<byte> signed)
    {
        if (_spanHash is not null)
        {
            _spanHash(signed, _digest, out _);
            return _digest;
        }
        // .NET Framework (Windows PowerShell 5.1): the array API, which allocates the digest.
        signed.CopyTo(_input);
        return _hmac.ComputeHash(_input, 0, signed.Length);
    }

    // CryptographicOperations.FixedTimeEquals is not in netstandard2.0: the time taken must not tell an
    // attacker how many leading bytes of a forged MAC were right.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
    private static bool FixedTimeEquals(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        if (left.Length != right.Length) return false;
        var difference = 0;
        for (var i = 0; i < left.Length; i++) difference |= left[i] ^ right[i];
        return difference == 0;
    }

    public void Dispose() => _hmac.Dispose();
}
