using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using ExoIp.Election;
using ExoIp.Peers;
using ExoIp.Watchdog;

namespace ExoIp.Telemetry;

/// <summary>
/// The peers of the published snapshot, carried from one publication to the next. The loop publishes after every
/// pass, and with many peers most passes heard one advert: the peers are sorted by address only when the set of
/// peers changed, a peer's entry is made anew only when what it shows changed, and a list with no change is the
/// one already published. Published lists are never written again (readers on other threads hold them). The
/// loop's alone.
/// </summary>
internal sealed class PeerSnapshots
{
    private Peer[] _source = Array.Empty<Peer>(); // the peers in the table's order, as last published
    private Peer[] _sorted = Array.Empty<Peer>(); // the same peers, by address: the snapshot's order
    private PeerSnapshot[] _published = Array.Empty<PeerSnapshot>(); // _sorted's entries, as last published

    /// <summary>The peers as seen at <paramref name="now"/> (none alive without it), by address (ordinal order of their text).</summary>
    public IReadOnlyList<PeerSnapshot> Update(IReadOnlyCollection<Peer> peers, IPAddress? master, DateTimeOffset? now, ElectionTiming timing)
    {
        PeerSnapshot[]? changed = null;
        if (!SameSource(peers))
        {
            _source = peers.ToArray();
            _sorted = _source.OrderBy(p => p.Address.ToString(), StringComparer.Ordinal).ToArray();
            changed = new PeerSnapshot[_sorted.Length];
        }
        for (var i = 0; i < _sorted.Length; i++)
        {
            var peer = _sorted[i];
            var alive = now is { } at && peer.IsAliveAt(at, timing);
            var isMaster = master?.Equals(peer.Address) == true;
            if (changed is null && Shows(_published[i], peer, alive, isMaster)) continue;
            changed ??= (PeerSnapshot[])_published.Clone();
            changed[i] = new PeerSnapshot(peer.Address, peer.InstanceId, peer.Priority, alive, peer.LastSeen, isMaster, peer.HoldsElasticIp);
        }
        if (changed is not null) _published = changed;
        return _published;
    }

    private bool SameSource(IReadOnlyCollection<Peer> peers)
    {
        if (peers.Count != _source.Length) return false;
        var i = 0;
        foreach (var peer in peers)
        {
            if (!ReferenceEquals(peer, _source[i++])) return false;
        }
        return true;
    }

    private static bool Shows(PeerSnapshot entry, Peer peer, bool alive, bool isMaster) =>
        entry.IsAlive == alive && entry.IsMaster == isMaster && entry.InstanceId == peer.InstanceId && entry.Priority == peer.Priority
        && SameInstant(entry.LastSeen, peer.LastSeen) && entry.HoldsElasticIp == peer.HoldsElasticIp;

    // With the offset: the entry must show what a new one would.
    private static bool SameInstant(DateTimeOffset? shown, DateTimeOffset? now) =>
        shown is { } a ? now is { } b && a.EqualsExact(b) : now is null;
}
