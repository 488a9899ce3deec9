using System;
using System.Net;
using BenchmarkDotNet.Attributes;
using ExoIp.Authentication;
using ExoIp.Protocol;

namespace ExoIp.Bench.Micro;

/// <summary>
/// The hot path with authentication: every advert sent is signed, every datagram received verified, and a
/// flood of forged adverts is refused at the MAC (the cost that decides whether a flood can starve a node).
/// </summary>
[MemoryDiagnoser]
public class AuthenticationBenchmarks : IDisposable
{
    private static readonly Guid Identity = Guid.Parse("1128bd56-b4d9-4ac6-a7b9-c715b187ce11");
    private readonly Advertisement _advertisement = new(10, IPAddress.Parse("198.51.100.50"), Identity);
    private readonly byte[] _buffer = new byte[AuthenticatedAdvertisement.Size];
    private AdvertisementSigner _signer = null!;
    private AdvertisementVerifier _verifier = null!;
    private byte[] _replayed = Array.Empty<byte>();
    private byte[] _forged = Array.Empty<byte>();
    private byte[] _unknownKey = Array.Empty<byte>();
    private byte[] _plain = Array.Empty<byte>();

    /// <summary>A signer and verifier on the real clock, and the datagrams the reject cases read.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var ring = new AuthKeyRing(AuthKey.FromText("bench-key-bench-key-bench-key-00", "the benchmark"));
        _signer = new AdvertisementSigner(ring, TimeProvider.System);
        _verifier = new AdvertisementVerifier(ring, TimeProvider.System, TimeSpan.FromDays(1));
        _replayed = new byte[AuthenticatedAdvertisement.Size];
        _signer.Sign(_advertisement, _replayed);
        _verifier.TryVerify(_replayed, out _, out _, out _);
        _forged = (byte[])_replayed.Clone();
        _forged[AuthenticatedAdvertisement.Size - 1] ^= 0x5A;
        using var stranger = new AdvertisementSigner(
            new AuthKeyRing(AuthKey.FromText("another-key-another-key-another", "the benchmark")), TimeProvider.System);
        _unknownKey = new byte[AuthenticatedAdvertisement.Size];
        stranger.Sign(_advertisement, _unknownKey);
        _plain = _advertisement.Encode();
    }

    /// <summary>Signs an advert into a buffer (the send path, once per peer and interval).</summary>
    [Benchmark]
    public int Sign() => _signer.Sign(_advertisement, _buffer);

    /// <summary>Signs an advert and verifies it: accepted, since each timestamp is newer (verify ≈ this − Sign).</summary>
    [Benchmark]
    public bool SignThenVerify()
    {
        _signer.Sign(_advertisement, _buffer);
        return _verifier.TryVerify(_buffer, out _, out _, out _);
    }

    /// <summary>A genuine advert heard again: the MAC is checked in full, then the timestamp refuses it.</summary>
    [Benchmark]
    public AdvertisementRejection RejectReplayed() => Verify(_replayed);

    /// <summary>A forged MAC under the right key id (the authenticated flood's case).</summary>
    [Benchmark]
    public AdvertisementRejection RejectForged() => Verify(_forged);

    /// <summary>An advert signed with a key the node does not have: refused before any MAC is computed.</summary>
    [Benchmark]
    public AdvertisementRejection RejectUnknownKey() => Verify(_unknownKey);

    /// <summary>A plain 24-byte advert at a keyed node.</summary>
    [Benchmark]
    public AdvertisementRejection RejectPlain() => Verify(_plain);

    private AdvertisementRejection Verify(byte[] datagram)
    {
        _verifier.TryVerify(datagram, out _, out _, out var rejection);
        return rejection;
    }

    /// <inheritdoc />
    [GlobalCleanup]
    public void Dispose()
    {
        _signer?.Dispose();
        _verifier?.Dispose();
    }
}
