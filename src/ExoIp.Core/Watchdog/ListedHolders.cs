using System;
using System.Collections.Generic;
using System.Linq;
using ExoIp.Execution;
using ExoIp.Execution.Commands;
using ExoIp.Exoscale;
using ExoIp.Peers;
using ExoIp.Policies;
using ExoIp.Preemption;
using ExoIp.Telemetry;
using ListedHolder = (System.Guid Id, System.Net.IPAddress? Address, bool Running);

namespace ExoIp.Watchdog;

/// <summary>
/// The listings of the Elastic IP's holders: one at a time (their slot), each started for a purpose; and what the last one
/// said of the running instances that hold the address besides this node, a stranger or a peer it may be cut off from.
/// Owned by the loop, beside the <see cref="DecisionPass"/> that asks for them.
/// </summary>
internal sealed class ListedHolders(Guid self, Membership membership, ApiExecutor executor, Candidacy candidacy, SplitWatch splitWatch, WatchdogTelemetry telemetry)
{
    private int? _listedIn; // the epoch of the last listing
    private bool _runningStranger; // that listing named a running instance that is no peer
    private IReadOnlyList<Guid> _runningPeerHolders = Array.Empty<Guid>(); // the running peers it named
    // Answers about this node or a peer (a check, an attach, a detach) so far, and how many there were when the listing in
    // flight was asked for: answers, not times, order them (a fake or coarse clock gives both the same instant).
    private long _actionAnswers;
    private long _actionAnswersAtListing;

    /// <summary>
    /// Whether the last listing was asked for after the last answer about this node or a peer came: an older one (an attach
    /// or a detach may have landed in between) says nothing of who took what.
    /// </summary>
    public bool Current => _actionAnswersAtListing == _actionAnswers;

    /// <summary>Whether a listing asked for in <paramref name="epoch"/> answered.</summary>
    public bool AnsweredIn(int epoch) => _listedIn == epoch;

    /// <summary>An answer about this node or a peer came (a check, an attach, a detach).</summary>
    public void ActionAnswered() => _actionAnswers++;

    /// <summary>
    /// Starts a listing for <paramref name="purpose"/> unless one runs (or its slot backs off). The split watch's next
    /// listing is due an interval after its own; any other answers the preemption rule as of its start.
    /// </summary>
    public void Start(ListingPurpose purpose, DateTimeOffset now)
    {
        if (!executor.TryStart(new ListHolders { Routine = purpose != ListingPurpose.Check }, now)) return;
        _actionAnswersAtListing = _actionAnswers;
        if (purpose == ListingPurpose.SplitWatch) splitWatch.Listed(now);
        else candidacy.ListingRequested();
    }

    /// <summary>A listing answered, asked for in <paramref name="epoch"/>: the preemption rule learns the holders from it.</summary>
    /// <returns>The holders it names, each with its address (when it has one) and whether it runs.</returns>
    public IReadOnlyList<ListedHolder> Record(IReadOnlyList<Instance> listed, int epoch)
    {
        var holders = listed.Where(i => Guid.TryParse(i.Id, out _))
            .Select(i => new ListedHolder(Guid.Parse(i.Id), System.Net.IPAddress.TryParse(i.PublicIp ?? string.Empty, out var address) ? address : null, i.State == PeerDirectory.Running))
            .ToList();
        candidacy.Record(holders.Select(h => h.Id));
        _listedIn = epoch;
        return holders;
    }

    /// <summary>
    /// The running holders besides this node: a stranger brings the next listing of a group or pool forward. The strangers
    /// that hold the address join the departed, for the master to detach, unless this node hears no peer while one of them
    /// runs: not knowing who is alive, it leaves them alone (it stays out).
    /// </summary>
    public void RecordStrangers(IReadOnlyList<ListedHolder> holders, DateTimeOffset now)
    {
        var running = holders.Where(h => h.Running && h.Id != self).ToLookup(h => membership.IsStranger(h.Id, h.Address, self));
        _runningStranger = running[true].Any();
        if (_runningStranger) membership.ListingDoubted();
        _runningPeerHolders = running[false].Select(h => h.Id).ToList();
        if (membership.HeardAnyPeer || !_runningStranger)
            foreach (var stranger in membership.RecordHolders(holders.Select(h => (h.Id, h.Address)), self, now)) telemetry.StrayHolder(stranger);
    }

    /// <summary>How isolated a master this node would be, as the last listing shows its situation.</summary>
    public Isolation IsolationAt(DateTimeOffset now) =>
        !membership.HeardAnyPeer && _runningStranger ? Isolation.StrangerHolds
        : _runningPeerHolders.Any(holder => CutOffFrom(holder, now)) ? Isolation.PeerHolds
        : Isolation.None;

    // Whether this node is cut off from a running peer that holds the address, rather than that peer down: it has heard none
    // of its two or more peers since it started; or, back in its group, it has not heard that peer since, which may not list
    // it again yet.
    private bool CutOffFrom(Guid holder, DateTimeOffset now) =>
        (!membership.HeardAnyPeer && membership.Peers.Count >= 2) || (membership.MayBeUnknownToPeers(now) && !membership.HeardSinceBack(holder));
}
