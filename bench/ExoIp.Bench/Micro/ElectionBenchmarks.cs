using System;
using System.Collections.Generic;
using System.Net;
using BenchmarkDotNet.Attributes;
using ExoIp.Election;
using ExoIp.Peers;

namespace ExoIp.Bench.Micro;

/// <summary>The election's decision, made after every batch of inputs, with a small and a large peer table.</summary>
[MemoryDiagnoser]
public class ElectionBenchmarks
{
    private static readonly DateTimeOffset StartedAt = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ElectionTiming _timing = new(TimeSpan.FromSeconds(1), 3, TimeSpan.FromMilliseconds(100));
    private readonly DateTimeOffset _now = StartedAt + TimeSpan.FromMinutes(1);
    private readonly List<Peer> _peers = new();
    private ElectionCandidate _self;

    /// <summary>The number of peers in the table: a usual pair of backups, and the 49 of a 50-node group.</summary>
    [Params(2, 49)]
    public int PeerCount { get; set; }

    /// <summary>Fills the table with live peers; one in ten is dead, and the best of them all has this node's priority, so the tie-break runs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _self = new ElectionCandidate(Guid.Parse("80000000-0000-4000-8000-000000000000"), 10);
        for (var i = 0; i < PeerCount; i++)
        {
            var peer = new Peer(new IPAddress(new byte[] { 127, 0, 1, (byte)(i + 2) }), null);
            var lastSeen = i % 10 == 9 ? _now - TimeSpan.FromSeconds(10) : _now - TimeSpan.FromMilliseconds(300);
            peer.RecordAdvertisement(Guid.NewGuid(), (byte)(10 + i), lastSeen);
            _peers.Add(peer);
        }
    }

    /// <summary>Decides this node's role from the table.</summary>
    [Benchmark]
    public ElectionVerdict Decide() => Elector.Decide(_self, _peers, StartedAt, _now, _timing);
}
