using System;
using System.Collections.Generic;
using System.Linq;
using ExoIp.Configuration;
using ExoIp.Election;
using ExoIp.Execution;
using ExoIp.Execution.Commands;
using ExoIp.Exoscale;
using ExoIp.Holding;
using ExoIp.Peers;
using ExoIp.Preemption;
using ExoIp.Telemetry;

namespace ExoIp.Watchdog;

/// <summary>
/// The API's answers, applied as data: what each teaches this node's holding state, the peers' holdings and membership, the
/// fault conditions. It keeps the holding state, which the answers and the <see cref="DecisionPass"/>'s decisions both
/// change, and what the answers alone tell of it. Owned by the loop.
/// </summary>
/// <param name="role">The role the last pass decided.</param>
internal sealed class ApiAnswers(WatchdogOptions options, Membership membership, ApiExecutor executor, WatchdogTelemetry telemetry, VerificationWatch verification,
    Candidacy candidacy, FaultConditions faults, SplitWatch splitWatch, ListedHolders listedHolders, Func<NodeRole> role) : IApiAnswers
{
    // The epoch of a mastership taken from a live master in a group or pool, until a listing asked for in it answers.
    private int? _membershipToConfirmIn;
    // The API said this node holds the Elastic IP since it became master (and since its last stall), and it has not let go
    // of it: an answer without it then means another node detached it.
    private bool _heldAsMaster;

    /// <summary>What this node believes of its own holding, and what it is doing about it.</summary>
    public HoldingState Holding { get; set; } = HoldingState.Initial;

    /// <summary>What the API said of this node's holding as master no longer stands: it lets go, took another role, or stalled.</summary>
    public void ForgetHeldAsMaster() => _heldAsMaster = false;

    /// <summary>
    /// It became master over a live master in a group or pool in <paramref name="epoch"/> (null: it did not): it may have
    /// been removed without knowing, and takes nothing before a listing of its peers asked for since answers.
    /// </summary>
    public void ConfirmMembershipIn(int? epoch) => _membershipToConfirmIn = epoch;

    /// <summary>Whether the membership of a mastership taken in <paramref name="epoch"/> is still to be confirmed.</summary>
    public bool MembershipUnconfirmedIn(int epoch) => _membershipToConfirmIn == epoch;

    /// <summary>Applies an API call's result.</summary>
    public void OnCallCompleted(ApiCallResult result, DateTimeOffset now)
    {
        var (failures, retryIn) = executor.Complete(result, now);
        if (result.Command is AttachSelf && !executor.IsStale(result)) faults.OnAttach(result);
        var mutation = result.Command.HoldsAfterAction is not null;
        if (mutation ? !result.Succeeded : executor.IsStale(result))
        {
            // A change that may or may not have applied (a timeout, a lost answer), or a look taken before the beliefs
            // were dropped (a role change, a stall): what it concerns is unknown, and checked again before anything is
            // done about it. A change that succeeded is a fact whenever it was asked for, and is applied as one.
            Forget(result.Command, now);
        }
        else if (mutation && executor.IsStale(result))
        {
            // A change that landed after the belief it was decided on was dropped: a fact, but the world it was decided for
            // has moved on (another node may have acted on the newer state meanwhile). The holders are listed now, whatever
            // the role (a backup checks no peer of its own accord); a peer it concerned is to be checked again. What it did
            // to this node stands: the answer says it, and acting on it at once (a backup that finds itself holding hands
            // over) is what keeps the address from staying where it should not.
            ApplyAction(result, now);
            if (result.Command.Slot != ApiSlotKind.Self) Forget(result.Command, now);
            listedHolders.Start(Policies.ListingPurpose.Check, now);
        }
        else if (result.Succeeded)
        {
            result.Command.Deliver(result, this, now);
        }
        telemetry.ApiCall(result, failures, retryIn, Policies.AnswerPolicy.IsNews(result));
    }

    void IApiAnswers.ElasticIpResolved(ElasticIp elasticIp)
    {
        // The start-up check lets a watchdog start while the API does not answer: a managed Elastic IP found now ends
        // the run (the engine's failure path), before its id lets any attach or detach start.
        if (elasticIp.IsManaged) throw new ManagedElasticIpException(elasticIp);
        executor.ElasticIpId = elasticIp.Id;
        telemetry.ElasticIpResolved(executor.ElasticIpId);
    }

    void IApiAnswers.PeersLookedUp(PeerLookup peers, ApiCallResult result, DateTimeOffset now)
    {
        IReadOnlyList<MembershipChange> changes;
        if (peers.Listing is { } listing)
        {
            faults.OnListing(listing.IncludesSelf);
            membership.ListedSelf(listing.IncludesSelf, now);
            changes = membership.ApplyListing(listing.Members, now);
        }
        else changes = membership.ApplyStaticLookup(peers.Identities, options.InstanceId, now);
        foreach (var change in changes)
        {
            telemetry.Membership(change);
            candidacy.Invalidate();
            if (change.Kind == MembershipChangeKind.Left && change.Peer!.Address.Equals(Holding.Handover?.Successor)) Holding = Holding with { Handover = null };
        }
        if (result.Epoch == _membershipToConfirmIn) _membershipToConfirmIn = null; // asked for as master: it says
        // Asked for since the handover began, the listing names the successor: it is a member now.
        if (Holding.Handover is { SuccessorListed: false } handover && now - result.Duration >= handover.Began && membership.View.Find(handover.Successor) is not null)
            Holding = Holding with { Handover = handover with { SuccessorListed = true } };
    }

    void IApiAnswers.HoldersListed(IReadOnlyList<Instance> listed, ApiCallResult result, DateTimeOffset now)
    {
        var holders = listedHolders.Record(listed, result.Epoch);
        // A change of this node has not answered (its attach of its time as master, its detach as a stopping node: it may
        // hang, or its answer be lost, until the API timeout) and no check of it runs beside it: for a node that is no longer
        // master, the listing is what the API says of it now. (A master waits for its attach's answer: its hooks hear Master
        // after it.) The change's answer, when it comes, says more.
        if (role() != NodeRole.Master && Policies.PolicyContext.BlocksSelfLook(executor.Running(ApiSlotKind.Self), Holding) && !executor.IsStale(result))
        {
            Holding = Holding.Learnt(holders.Any(h => h.Id == options.InstanceId), now);
            if (Holding.SelfHolds == false) membership.SelfLost();
        }
        if (splitWatch.IsOn(now, role()) && listedHolders.Current) SplitWatchListed(holders.Select(h => h.Id).ToList(), now);
        listedHolders.RecordStrangers(holders, now);
    }

    void IApiAnswers.ActionAnswered(ApiCallResult result, DateTimeOffset now) => ApplyAction(result, now);

    // An attach, detach or check that succeeded: what it says of this node or of a peer.
    private void ApplyAction(ApiCallResult result, DateTimeOffset now)
    {
        listedHolders.ActionAnswered();
        if (result.Command.Target is { } peer)
        {
            membership.RecordHolding(peer, result.HoldsAfter, now);
            // Taken from a peer not dead (paused, not gone), it believes it still holds it; from a silent one, it may come back.
            if (result.Command is DetachPeer && result.Changed)
            {
                var dead = membership.View.IsDead(peer, now);
                peer.Standing.DetachedFromIt(dead);
                if (dead) splitWatch.DetachedSilentPeer(now);
            }
        }
        Holding = Policies.AnswerPolicy.Apply(Holding, result, now);
        // An attach that changed something, or a check without it: another node detached it.
        if (result.Command is AttachSelf or CheckSelf)
            SelfSeen(holding: !result.Changed && result.HoldsAfter, now);
        // Without the address, no peer is taking it from this node: a taker's detach of it is over, and a
        // peer seen taking it meanwhile (a check of it) took it beside nobody. After any answer, not only
        // this node's: TookAt stands only while this node holds the address.
        if (Holding.SelfHolds == false) membership.SelfLost();
    }

    // A listing of the holders the split watch may learn from: what it says of this node's holding, and which silent peers run.
    private void SplitWatchListed(IReadOnlyList<Guid> holders, DateTimeOffset now)
    {
        var selfListed = holders.Contains(options.InstanceId);
        SelfSeen(selfListed, now);
        var lostIt = Holding.SelfHolds == true && !selfListed;
        membership.Vouch(holders, lostIt, now);
        if (lostIt && role() == NodeRole.Master) membership.ListingDoubted();
        if (role() == NodeRole.Master && Holding.Stop is null) Holding = Holding.Learnt(selfListed, now);
        if (!selfListed) membership.SelfLost();
    }

    // What the API said of this node's holding before an attach acted, or at a check or a listing. A master found without
    // the Elastic IP it held and did not let go of was detached by another node. Were every peer it hears signing with its
    // next key, they may lack its current one (a rotation done out of order: its second step here before the first there):
    // silent to them, it was taken for dead, and it would take the address back at every look. It answers in their key
    // from now on, until its keys change (README, "Authenticated adverts").
    private void SelfSeen(bool holding, DateTimeOffset now)
    {
        if (role() != NodeRole.Master) return;
        if (!holding && _heldAsMaster && verification.PeersSignWithNextKeyOnly(now, options.Timing.DeadAfter) && verification.AnswerInNextKey())
            telemetry.SigningWithNextKey();
        _heldAsMaster = holding || Holding.SelfHolds == true;
    }

    // What a call concerned is no longer known.
    private void Forget(ApiCommand command, DateTimeOffset now)
    {
        if (command.Slot == ApiSlotKind.Self) Holding = Holding.Unknown();
        else if (command.Target is { } peer) membership.RecordHolding(peer, null, now);
    }
}
