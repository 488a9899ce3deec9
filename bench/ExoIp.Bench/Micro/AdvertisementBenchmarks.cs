using System;
using System.Net;
using BenchmarkDotNet.Attributes;
using ExoIp.Protocol;

namespace ExoIp.Bench.Micro;

/// <summary>The codec on the receive and send paths: every datagram is decoded, every advert written.</summary>
[MemoryDiagnoser]
public class AdvertisementBenchmarks
{
    private static readonly Guid Identity = Guid.Parse("1128bd56-b4d9-4ac6-a7b9-c715b187ce11");
    private readonly Advertisement _advertisement = new(10, IPAddress.Parse("198.51.100.50"), Identity);
    private readonly byte[] _buffer = new byte[Advertisement.Size];
    private byte[] _valid = Array.Empty<byte>();
    private byte[] _checkMismatch = Array.Empty<byte>();

    /// <summary>Encodes the datagrams the decode benchmarks read.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _valid = _advertisement.Encode();
        _checkMismatch = _advertisement.Encode();
        _checkMismatch[3] ^= 0xFF;
    }

    // The decoded advert and the rejection are returned so the JIT cannot drop the work that produced them.

    /// <summary>Decodes a valid advert (the common case).</summary>
    [Benchmark]
    public Advertisement TryDecode()
    {
        Advertisement.TryDecode(_valid, out var advertisement, out _);
        return advertisement;
    }

    /// <summary>Decodes a datagram the codec refuses (a flood's case): the check byte differs.</summary>
    [Benchmark]
    public AdvertisementRejection TryDecodeRejected()
    {
        Advertisement.TryDecode(_checkMismatch, out _, out var rejection);
        return rejection;
    }

    /// <summary>Writes an advert into a buffer.</summary>
    [Benchmark]
    public void WriteTo() => _advertisement.WriteTo(_buffer);
}
