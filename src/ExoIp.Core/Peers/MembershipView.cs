using System;
using System.Collections.Generic;
using System.Net;
using ExoIp.Election;
using ExoIp.Preemption;

namespace ExoIp.Peers;

/// <summary>What the policies see of the peers: read-only, no allocation.</summary>
internal readonly struct MembershipView
{
    private readonly IReadOnlyDictionary<IPAddress, Peer> _peers;

    public MembershipView(IReadOnlyDictionary<IPAddress, Peer> peers, IReadOnlyList<Peer> departed, ElectionTiming timing)
    {
        _peers = peers;
        Departed = departed;
        Timing = timing;
    }

    /// <summary>The peers in the election, dead or alive.</summary>
    public IEnumerable<Peer> Peers => _peers.Values;

    /// <summary>
    /// Peers that left the listing, and other instances the API listed as holders, not yet known to be without the
    /// Elastic IP. They are out of the election, so nothing else would ever take it from them; whoever is master
    /// does, once it holds it.
    /// </summary>
    public IReadOnlyList<Peer> Departed { get; }

    /// <summary>The protocol's clock rules.</summary>
    public ElectionTiming Timing { get; }

    /// <summary>The peer at this address, if any.</summary>
    public Peer? Find(IPAddress? address) => address is not null && _peers.TryGetValue(address, out var peer) ? peer : null;

    /// <summary>True when some peer is alive.</summary>
    public bool AnyAlive()
    {
        foreach (var peer in _peers.Values)
            if (peer.IsAlive) return true;
        return false;
    }

    /// <summary>True when some peer is heard (alive by its adverts, not only vouched for by the API).</summary>
    public bool AnyHeard()
    {
        foreach (var peer in _peers.Values)
            if (peer.IsAlive && !peer.Standing.Vouched) return true;
        return false;
    }

    /// <summary>True when some peer is alive only by the API's word (vouched for: silent, seen taking the Elastic IP).</summary>
    public bool AnyVouched()
    {
        foreach (var peer in _peers.Values)
            if (peer.Standing.Vouched) return true;
        return false;
    }

    /// <summary>
    /// True when there are peers and every one is heard (alive by its adverts) advertising a priority it would hold the
    /// address with: a node starting up then knows who is alive and who is best, which is all its hold-off waits to learn.
    /// A peer that defers (254) or stands aside (255: starting before its health checks' verdict, unhealthy, stopping)
    /// may advertise better before the hold-off ends.
    /// </summary>
    public bool AllHeard()
    {
        foreach (var peer in _peers.Values)
            if (!peer.IsAlive || peer.Candidate is not { } candidate || candidate.Priority >= AdvertisedPriority.Deferring) return false;
        return _peers.Count > 0;
    }

    /// <summary>
    /// Dead as far as taking the Elastic IP from it goes: heard, then silent; or never heard in a whole hold-off
    /// since it was listed. A peer listed a moment ago may well be alive (even master) and simply not heard yet.
    /// </summary>
    public bool IsDead(Peer peer, DateTimeOffset now) =>
        !peer.IsAlive && (peer.LastSeen is not null || peer.ListedAt is not { } listed || now - listed >= Timing.HoldOff);
}
