using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using ExoIp.Election;
using ExoIp.Protocol;
using ExoIp.Watchdog;

namespace ExoIp.Peers;

/// <summary>
/// Who the peers are and what the node has heard of them: the peer table, liveness, forgiveness of this node's
/// own stalls, the start-up hold-off's clock, peers joining and leaving a listing. It never logs nor emits: what
/// changed comes back as <see cref="MembershipChange"/>s. Owned by the loop, except <see cref="IsPeerAddress"/> and
/// <see cref="StrangerHeard"/>, which the receiver calls beside it.
/// </summary>
internal sealed class Membership
{
    private readonly PeerTable _table;
    private readonly List<Peer> _departed = new();
    private readonly ElectionTiming _timing;
    private readonly TimeSpan _interval;
    private TimeSpan _refreshInterval;
    private readonly TimeSpan _refreshCeiling;
    private volatile HashSet<IPAddress> _addresses = new();
    private DateTimeOffset? _lastEvaluatedAt;
    private DateTimeOffset _lastRefreshAt = DateTimeOffset.MinValue;
    private DateTimeOffset _nextRefreshAt;
    private bool _listed; // the peers are a group's or a pool's members, listed through the API
    private int _strangerHeard; // 1 once the receiver dropped an advert from outside the listing, until the loop takes it
    // Since when its own listing names it again after it was out of its group or pool; null before it left, and while out.
    private DateTimeOffset? _backSince;
    private bool _out; // its last listing did not name it
    private DateTimeOffset? _lastHeardAt; // when it last accepted a peer's advert

    public Membership(WatchdogOptions options)
    {
        _timing = options.Timing;
        _interval = options.Interval;
        _refreshInterval = options.PeerRefreshInterval;
        _refreshCeiling = options.MaxRetryDelay;
        _listed = options.PeersListed;
        _table = new PeerTable(_timing);
        foreach (var address in options.Peers ?? Array.Empty<IPAddress>()) _table.Add(address);
        PublishAddresses();
    }

    /// <summary>
    /// The hold-off counts from here; a stall during it pushes it on. Null until the peers are known (a security
    /// group's members are listed through the API): a node that knows no peer hears nothing, and must not
    /// conclude from that silence that no peer is alive.
    /// </summary>
    public DateTimeOffset? ListeningSince { get; private set; }

    /// <summary>What the policies see.</summary>
    public MembershipView View => new(_table.ByAddress, _departed, _timing);

    /// <summary>The peers, dead or alive.</summary>
    public IReadOnlyCollection<Peer> Peers => _table.Peers;

    /// <summary>
    /// Some peer was heard since the start, and since this node last came back into its group or pool, or less than a
    /// dead time before its listing said so (out of it, its peers stopped sending to it): it knows at least one live
    /// member of its group, though that peer may since have left it (a node whose peers all left is alone, not cut off).
    /// </summary>
    public bool HeardAnyPeer => _lastHeardAt is { } heard && !(heard < HeardSince);

    /// <summary>Whether the peer running <paramref name="instance"/> was heard since this node last came back into its group or pool (as <see cref="HeardAnyPeer"/> counts it).</summary>
    public bool HeardSinceBack(Guid instance)
    {
        foreach (var peer in _table.Peers)
            if (peer.InstanceId == instance) return peer.LastSeen is { } seen && !(seen < HeardSince);
        return false;
    }

    /// <summary>
    /// Whether its peers may not know this node again yet: it came back into its group's or pool's listing, after being out
    /// of it, less than a retry ceiling and a dead time ago. They stopped sending to it when they listed it out, and start
    /// again at their next listing, which its adverts, dropped as a stranger's, bring forward to a retry ceiling at most;
    /// until then their silence says nothing. (At its start a node is on its peers' listings already, unless it is new to
    /// the group: then, with a single peer, the API breaks the tie as in any split.)
    /// </summary>
    public bool MayBeUnknownToPeers(DateTimeOffset now) => _backSince + _refreshCeiling + _timing.DeadAfter > now;

    // Back in its group, an advert heard since counts, and so does one heard less than a dead time before its listing named
    // it: a peer sends only to the members it lists, so one heard that lately knows it (it was out only to itself).
    private DateTimeOffset? HeardSince => _backSince - _timing.DeadAfter;

    /// <summary>Its own group's or pool's listing named it, or did not.</summary>
    public void ListedSelf(bool listed, DateTimeOffset now)
    {
        if (listed && _out) _backSince = now;
        else if (!listed) _backSince = null;
        _out = !listed;
    }

    /// <summary>
    /// The receiver dropped an advert for this Elastic IP from an address outside the listing: a newcomer, or a member
    /// back in the group, that this node does not send to. Thread-safe.
    /// </summary>
    public void StrangerHeard() => Interlocked.Exchange(ref _strangerHeard, 1);

    /// <summary>
    /// True when <paramref name="instance"/> (at <paramref name="address"/>, when the API says) is neither this node nor
    /// one of its peers. A static peer whose instance is not looked up yet is known by its address alone.
    /// </summary>
    public bool IsStranger(Guid instance, IPAddress? address, Guid self)
    {
        if (instance == self) return false;
        foreach (var peer in _table.Peers)
            if (peer.InstanceId == instance || (peer.InstanceId is null && peer.Address.Equals(address))) return false;
        return true;
    }

    /// <summary>True when a listing (or a static peer's lookup) is due.</summary>
    public bool RefreshDue(DateTimeOffset now) => now >= _nextRefreshAt;

    /// <summary>A stranger's advert since the last pass brings the next listing of a group or pool forward.</summary>
    public void TakeStrangers()
    {
        if (Interlocked.Exchange(ref _strangerHeard, 0) == 1 && _listed) ListSoon(_refreshCeiling);
    }

    /// <summary>When the peer source is next listed.</summary>
    public DateTimeOffset NextRefreshAt => _nextRefreshAt;

    /// <summary>
    /// What the API listed says the listing may be out of date: this node lost the Elastic IP it held as master (its
    /// peers may have listed it out of its group or pool, and detached it as no peer), or a running instance that is no
    /// peer holds it (a newcomer, or a member back, that this node has not listed yet). In a group or pool, the next
    /// listing comes a dead time after the last at the latest, rather than at its refresh.
    /// </summary>
    public void ListingDoubted()
    {
        if (_listed) ListSoon(_timing.DeadAfter);
    }

    /// <summary>Whether a datagram from this address may be a peer's advert; thread-safe (the receiver screens with it).</summary>
    public bool IsPeerAddress(IPAddress address) => _addresses.Contains(address);

    /// <summary>Starts the clocks: static peers are known from the start, a group's once listed.</summary>
    public void Start(DateTimeOffset now, bool peersListedLater)
    {
        if (!peersListedLater) ListeningSince = now;
        _nextRefreshAt = now;
    }

    /// <summary>When a peer last advertised ahead of its cadence (it changed something: its priority, or it became master); null before any.</summary>
    public DateTimeOffset? LastPromptAt { get; private set; }

    /// <summary>Records an advert decoded beside the loop; null when accepted, else why it is dropped.</summary>
    public DatagramDropReason? Accept(Advertisement advert, IPAddress source, Guid self, DateTimeOffset at)
    {
        var peer = _table.Find(source);
        if (peer is null)
        {
            StrangerHeard(); // it left the listing since the screening
            return DatagramDropReason.UnknownSource;
        }
        if (advert.Identity == self || (peer.InstanceId is { } known && known != advert.Identity))
        {
            // The instance behind a peer address may have been re-created: look the peers up again soon,
            // but no more often than the retry ceiling, whatever a forger sends.
            if (peer.InstanceIdFromApi) ListSoon(_refreshCeiling);
            return DatagramDropReason.IdentityMismatch;
        }
        if (peer.RecordAdvertisement(advert.Identity, advert.Priority, at)) LastPromptAt = at;
        _lastHeardAt = at;
        return null;
    }

    /// <summary>
    /// The loop evaluates at least every interval and a half (<see cref="Watchdog.WatchdogOptions.LoopLookAfter"/>). A
    /// gap beyond two intervals means this process was not running (a pause, an overloaded host): the adverts that
    /// came meanwhile wait unread in the socket, and the first input after the pause may be a liveness deadline. The
    /// silence was ours, not the peers': it is not held against them, and a hold-off in progress
    /// (<paramref name="holdingOff"/>) is pushed on by it.
    /// </summary>
    /// <returns>The stall excused, when there was one.</returns>
    public TimeSpan? ExcuseOwnStall(DateTimeOffset now, bool holdingOff)
    {
        var last = _lastEvaluatedAt;
        _lastEvaluatedAt = now;
        if (last is null || now - last.Value <= _interval + _interval) return null;
        var stall = now - last.Value - _interval;
        foreach (var peer in _table.Peers) peer.ExcuseSilence(stall, now);
        if (holdingOff) ListeningSince += stall;
        return stall;
    }

    /// <summary>
    /// Recomputes liveness; returns the peers that came up or went down. In a group or pool, a peer falling silent may
    /// have left it, or this node may have (its peers then stop sending to it): it lists the members again a dead time
    /// after its last listing at the earliest, rather than at its next refresh.
    /// </summary>
    public IReadOnlyList<MembershipChange> UpdateLiveness(DateTimeOffset now)
    {
        var changes = _table.UpdateLiveness(now).Select(p => new MembershipChange(p.IsAlive ? MembershipChangeKind.Up : MembershipChangeKind.Down, p)).ToList();
        if (_listed && changes.Any(c => c.Kind == MembershipChangeKind.Down)) ListSoon(_timing.DeadAfter);
        return changes;
    }

    /// <summary>Ends the hold-off now (a stopping node that hears a live peer to hand over to need not wait).</summary>
    public void EndHoldOff(DateTimeOffset now) => ListeningSince = now - _timing.HoldOff;

    /// <summary>
    /// A reload changed the peer source or its refresh interval. Static peers: the table becomes the new list, those
    /// that remain keep what was heard of them, new ones start unheard (dead), removed ones are forgotten. A group or
    /// pool: its next listing makes the table its members, as it does at every refresh. A new source is looked up at
    /// once; otherwise the next refresh comes at the new interval from the last.
    /// </summary>
    public void Reconfigure(WatchdogOptions options, bool sourceChanged, DateTimeOffset now)
    {
        _refreshInterval = options.PeerRefreshInterval;
        _listed = options.PeersListed;
        _nextRefreshAt = sourceChanged ? now : _lastRefreshAt + _refreshInterval;
        if (!sourceChanged || options.Peers is not { } peers) return;
        foreach (var gone in _table.Peers.Where(p => !peers.Contains(p.Address)).Select(p => p.Address).ToList()) _table.Remove(gone);
        foreach (var address in peers) _table.Add(address);
        ListeningSince ??= now; // from a group never listed: static peers are known from now
        PublishAddresses();
    }

    /// <summary>Makes the table a listing's members (a security group's running instances, by address).</summary>
    public IReadOnlyList<MembershipChange> ApplyListing(IReadOnlyDictionary<IPAddress, Guid> members, DateTimeOffset now)
    {
        var changes = new List<MembershipChange>();
        Refreshed(now);
        if (ListeningSince is null)
        {
            ListeningSince = now;
            changes.Add(new MembershipChange(MembershipChangeKind.Listed, null, members.Count));
        }
        var (added, removed) = _table.Replace(members, now);
        PublishAddresses();
        foreach (var peer in added)
        {
            _departed.RemoveAll(d => d.InstanceId == peer.InstanceId); // back in the group: a peer like the others
            changes.Add(new MembershipChange(MembershipChangeKind.Joined, peer));
        }
        foreach (var peer in removed)
        {
            // Whatever was known of its holding may be old: the master checks it afresh (the detach checks first).
            peer.HoldsElasticIp = null;
            _departed.Add(peer);
            changes.Add(new MembershipChange(MembershipChangeKind.Left, peer));
        }
        return changes;
    }

    /// <summary>Records which instance has each static peer address.</summary>
    public IReadOnlyList<MembershipChange> ApplyStaticLookup(IReadOnlyList<PeerIdentity> identities, Guid self, DateTimeOffset now)
    {
        var changes = new List<MembershipChange>();
        Refreshed(now);
        foreach (var identity in identities)
        {
            if (_table.Find(identity.Address) is not { } peer) continue;
            if (identity.InstanceId is not { } id)
            {
                changes.Add(new MembershipChange(MembershipChangeKind.Unresolved, peer));
            }
            else if (id == self)
            {
                // One peer list for every node is convenient: this node's own address is simply not a peer.
                _table.Remove(identity.Address);
                PublishAddresses();
                changes.Add(new MembershipChange(MembershipChangeKind.Self, peer));
            }
            else if (peer.ConfirmInstanceId(id))
            {
                changes.Add(new MembershipChange(MembershipChangeKind.Replaced, peer));
            }
        }
        return changes;
    }

    /// <summary>Records what the API said of a peer's (or a departed peer's) holding; a departed one not holding is forgotten.</summary>
    public void RecordHolding(Peer peer, bool? holds, DateTimeOffset now)
    {
        peer.HoldsElasticIp = holds;
        if (holds == true) peer.Standing.SeenHolding(now);
        if (holds == false)
        {
            if (!peer.IsAlive) peer.Standing.SeenWithoutWhileSilent();
            _departed.Remove(peer);
        }
    }

    /// <summary>
    /// Records the Elastic IP's holders as the API listed them (<paramref name="self"/> and known peers aside): any
    /// other instance (attached by hand, removed from the group, a replaced one) joins the departed, out of the
    /// election, for the master to detach. Returns those strangers, newly known.
    /// </summary>
    public IReadOnlyList<Peer> RecordHolders(IEnumerable<(Guid Id, IPAddress? Address)> holders, Guid self, DateTimeOffset now)
    {
        var strangers = new List<Peer>();
        foreach (var (id, address) in holders)
        {
            // Peers and departed peers are checked one by one as before: a listing answered late must not
            // overrule what a handover since did to them.
            if (!IsStranger(id, address, self) || _departed.Any(p => p.InstanceId == id)) continue;
            var stranger = new Peer(address ?? IPAddress.Any, id, now) { HoldsElasticIp = true };
            _departed.Add(stranger);
            strangers.Add(stranger);
        }
        return strangers;
    }

    /// <summary>
    /// A listing of the holders asked for in a split watch: a silent peer listed while this node is not took the
    /// address from it, and one listed after a listing without it took it while silent: it runs
    /// (<see cref="ApiStanding.Vouched"/>); a vouched-for peer no longer listed is silent again, as far as anyone can tell.
    /// </summary>
    /// <param name="holders">The instances listed.</param>
    /// <param name="lostIt">This node believed it held the address and is not listed.</param>
    public void Vouch(IReadOnlyCollection<Guid> holders, bool lostIt, DateTimeOffset now)
    {
        foreach (var peer in _table.Peers)
        {
            if (peer.InstanceId is not { } id) continue;
            if (holders.Contains(id)) peer.Standing.Listed(silent: !peer.IsAlive, lostIt, now);
            else peer.Standing.NotListed(silent: !peer.IsAlive || peer.Standing.Vouched);
            // Listed holding what it took: it knows it holds it (no longer revoked).
            if (peer.Standing.Vouched) RecordHolding(peer, true, now);
        }
    }

    /// <summary>This node was found without the Elastic IP: no peer is still taking it from this node.</summary>
    public void SelfLost()
    {
        foreach (var peer in _table.Peers) peer.Standing.SelfLost();
    }

    /// <summary>Forgets what the API said of every peer's holding: it is to be checked again.</summary>
    public void ForgetHoldings()
    {
        foreach (var peer in _table.Peers) peer.HoldsElasticIp = null;
    }

    /// <summary>The next instant at which liveness or the hold-off changes; null when none will without input.</summary>
    public DateTimeOffset? NextDeadline(bool holdingOff)
    {
        var next = _table.NextExpiry() + TimeSpan.FromMilliseconds(1);
        if (holdingOff && ListeningSince is { } since && (next is null || since + _timing.HoldOff < next)) next = since + _timing.HoldOff;
        return next;
    }

    // The next listing comes no later than `gap` after the last (a retry ceiling when what prompts it is anyone's to send).
    private void ListSoon(TimeSpan gap)
    {
        if (_lastRefreshAt + gap < _nextRefreshAt) _nextRefreshAt = _lastRefreshAt + gap;
    }

    private void Refreshed(DateTimeOffset now)
    {
        _lastRefreshAt = now;
        // Out of its group or pool (in Fault), only a listing tells it it is back: the next one comes at a retry ceiling.
        _nextRefreshAt = now + (_out ? Durations.Min(_refreshCeiling, _refreshInterval) : _refreshInterval);
    }

    private void PublishAddresses() => _addresses = new HashSet<IPAddress>(_table.Peers.Select(p => p.Address));
}
