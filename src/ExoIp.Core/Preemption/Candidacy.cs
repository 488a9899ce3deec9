using System;
using System.Collections.Generic;
using ExoIp.Peers;

namespace ExoIp.Preemption;

/// <summary>
/// This node's <see cref="Eligibility"/> pass by pass: its health, and under a preemption rule (-PreemptDelay,
/// -NoPreempt) whether a live, eligible peer holds the Elastic IP as the API last listed it. Deferring is
/// decided from that listing, not from the adverts alone: two no-preempt nodes that saw each other would both
/// defer, then both stop deferring, for ever; a listing has one holder, the same for every node.
/// </summary>
internal sealed class Candidacy
{
    private PreemptionGate _gate;
    private readonly HolderListing _listing = new();
    private bool _restricted;
    private readonly Guid _self;
    private bool _confirming; // about to become eligible: waiting for a fresh listing to confirm it

    public Candidacy(Guid self, TimeSpan preemptDelay, bool noPreempt, bool healthy)
    {
        _self = self;
        _gate = new PreemptionGate(preemptDelay, noPreempt);
        _restricted = noPreempt || preemptDelay > TimeSpan.Zero;
        // Until the first pass: a node under a rule that starts beside a live holder must not advertise its own
        // priority even once (the holder would see a better node and begin a handover).
        Current = !healthy ? Eligibility.Ineligible : _restricted ? Eligibility.Deferring : Eligibility.Eligible;
    }

    /// <summary>
    /// A reload changed the rule: the next pass decides under it, on a fresh listing of the holders (a node now under
    /// a rule defers to a holder it beats until the API says who that is). A delay counts from the reload.
    /// </summary>
    public void UseRule(TimeSpan preemptDelay, bool noPreempt)
    {
        if (_gate.PreemptDelay == preemptDelay && _gate.NoPreempt == noPreempt) return;
        _gate = new PreemptionGate(preemptDelay, noPreempt);
        _restricted = noPreempt || preemptDelay > TimeSpan.Zero;
        _confirming = false;
        _listing.Invalidate();
    }

    /// <summary>This pass's eligibility.</summary>
    public Eligibility Current { get; private set; }

    /// <summary>A preemption rule is in force (-NoPreempt or a preempt delay).</summary>
    public bool Restricted => _restricted;

    /// <summary>The rule needs the API's listing of holders, and the one it has may be out of date.</summary>
    public bool WantsListing => _restricted && _listing.Stale;

    /// <summary>When a running preempt delay ends, so that the loop wakes for it; null when none runs.</summary>
    public DateTimeOffset? DelayEndsAt => Current == Eligibility.Deferring ? _gate.DelayEndsAt : null;

    /// <summary>Something may have moved the Elastic IP (a peer came or went, a new role or master, this node's holding changed, a reconciliation is due).</summary>
    public void Invalidate()
    {
        if (_restricted) _listing.Invalidate();
    }

    /// <summary>The listing was asked for.</summary>
    public void ListingRequested() => _listing.Requested();

    /// <summary>The API listed the Elastic IP's holders.</summary>
    public void Record(IEnumerable<Guid> holders) => _listing.Record(holders);

    /// <summary>Unhealthy: ineligible at once, not at the next pass (the adverts say so now).</summary>
    public void Ineligible() => Current = Eligibility.Ineligible;

    /// <summary>Decides the eligibility for this pass.</summary>
    /// <param name="eligible">No fault condition holds (<see cref="Watchdog.FaultConditions"/>): healthy, allowed to attach, a member.</param>
    public Eligibility Evaluate(DateTimeOffset now, bool eligible, bool holdingOff, bool selfHolds, IEnumerable<Peer> peers)
    {
        var next = _gate.Evaluate(now, eligible, holdingOff, selfHolds, _restricted && HolderElsewhere(peers, holdingOff));
        // A node under a rule becomes eligible only on a listing asked for since it would: acting on an older
        // answer could take the Elastic IP from a holder it did not know of (a handover since moved it, which no
        // advert tells). Meanwhile it keeps deferring; a failover waits one API call for it.
        if (_restricted && next == Eligibility.Eligible && Current != Eligibility.Eligible)
        {
            if (!_confirming)
            {
                _confirming = true;
                _listing.Invalidate();
            }
            if (_listing.Stale) next = Eligibility.Deferring;
        }
        if (next != Eligibility.Deferring) _confirming = false;
        return Current = next;
    }

    // In the hold-off the peers may not have been heard yet: any other holder the API lists (or no answer yet)
    // is one to defer to. After it, only a live one advertising an eligible priority.
    private bool HolderElsewhere(IEnumerable<Peer> peers, bool holdingOff)
    {
        if (holdingOff) return _listing.HeldByOtherThan(_self);
        foreach (var peer in peers)
            if (peer.IsAlive && peer.Priority < AdvertisedPriority.Deferring && _listing.MayHold(peer.InstanceId)) return true;
        return false;
    }
}
