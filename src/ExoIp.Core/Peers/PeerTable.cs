using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using ExoIp.Election;

namespace ExoIp.Peers;

/// <summary>The watchdog's peers, by address. Owned by the loop alone (not thread-safe by design).</summary>
internal sealed class PeerTable
{
    private readonly Dictionary<IPAddress, Peer> _peers = new();
    private readonly ElectionTiming _timing;

    public PeerTable(ElectionTiming timing)
    {
        _timing = timing;
    }

    /// <summary>All peers, dead or alive.</summary>
    public IReadOnlyCollection<Peer> Peers => _peers.Values;

    /// <summary>All peers, by address.</summary>
    public IReadOnlyDictionary<IPAddress, Peer> ByAddress => _peers;

    /// <summary>The peer at this address, if any.</summary>
    public Peer? Find(IPAddress address) => _peers.TryGetValue(address, out var peer) ? peer : null;

    /// <summary>Adds a peer (dead until heard); false when the address is already known.</summary>
    public bool Add(IPAddress address, Guid? instanceIdFromApi = null)
    {
        if (_peers.ContainsKey(address)) return false;
        _peers.Add(address, new Peer(address, instanceIdFromApi));
        return true;
    }

    /// <summary>Removes a peer; it leaves the election at once.</summary>
    public bool Remove(IPAddress address) => _peers.Remove(address);

    /// <summary>
    /// Makes the table hold exactly <paramref name="members"/> (a security group's running instances):
    /// new ones are added dead (listed at <paramref name="now"/>), gone ones removed, and known ones keep their history.
    /// </summary>
    public (IReadOnlyList<Peer> Added, IReadOnlyList<Peer> Removed) Replace(IReadOnlyDictionary<IPAddress, Guid> members, DateTimeOffset now)
    {
        var removed = _peers.Values.Where(p => !members.ContainsKey(p.Address)).ToList();
        foreach (var peer in removed) _peers.Remove(peer.Address);
        var added = new List<Peer>();
        foreach (var member in members)
        {
            if (_peers.TryGetValue(member.Key, out var known))
            {
                known.ConfirmInstanceId(member.Value);
                continue;
            }
            var peer = new Peer(member.Key, member.Value, now);
            _peers.Add(member.Key, peer);
            added.Add(peer);
        }
        return (added, removed);
    }

    /// <summary>Recomputes every peer's liveness at <paramref name="now"/>; returns those that changed.</summary>
    public IReadOnlyList<Peer> UpdateLiveness(DateTimeOffset now)
    {
        List<Peer>? changed = null;
        foreach (var peer in _peers.Values)
        {
            var alive = peer.IsAliveAt(now, _timing);
            if (alive == peer.IsAlive) continue;
            peer.IsAlive = alive;
            (changed ??= new List<Peer>()).Add(peer);
        }
        return changed ?? (IReadOnlyList<Peer>)Array.Empty<Peer>();
    }

    /// <summary>The first instant after which a peer alive now would be dead; null when none is alive.</summary>
    public DateTimeOffset? NextExpiry()
    {
        DateTimeOffset? next = null;
        foreach (var peer in _peers.Values)
        {
            if (!peer.IsAlive || peer.Standing.Vouched || peer.LastSeen is not { } seen) continue;
            var expiry = seen + peer.DeadAfter(_timing);
            if (next is null || expiry < next) next = expiry;
        }
        return next;
    }
}
