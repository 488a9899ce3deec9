using System;
using System.Net;
using ExoIp.Election;
using ExoIp.Execution;
using ExoIp.Execution.Commands;
using ExoIp.Health;
using ExoIp.Holding;
using ExoIp.Peers;
using ExoIp.Policies;
using ExoIp.Preemption;
using ExoIp.Telemetry;

namespace ExoIp.Watchdog;

/// <summary>
/// The loop's decisions and the state they keep: the role, the verdict, the holding state. One pass runs after
/// every batch of inputs: membership, the election (<see cref="NodeElection"/>), then the role's policy, whose
/// <see cref="Decision"/> is applied in one place; API results are applied as data by <see cref="ApiAnswers"/>.
/// Owned by the loop alone.
/// </summary>
internal sealed class DecisionPass
{
    private readonly WatchdogOptions _options;
    private readonly Membership _membership;
    private readonly ApiExecutor _executor;
    private readonly WatchdogTelemetry _telemetry;
    private readonly Candidacy _candidacy;
    private readonly FaultConditions _faults;
    private readonly SplitWatch _splitWatch;
    private readonly ListedHolders _listedHolders;
    private readonly NodeElection _election;
    private readonly ApiAnswers _answers;
    private byte _lastPriority;
    private bool? _selfHoldsSeen; // what the candidacy last saw of this node's holding
    private (DateTimeOffset Now, DateTimeOffset Wall)? _lastPass; // the clocks at the last pass
    private byte? _lastAdvertised; // what the last pass advertised: what went out while this batch's adverts came in
    private bool _announcedMaster; // hooks were last told Master (the pass's input)
    private byte _advertisedAtRelease; // what it advertised when its detach under way left
    private IPAddress? _releasedTo; // the successor it let go to, when that detach left
    private bool _releaseWouldLead; // at that priority, it would now beat that successor, alive: it yields meanwhile (Advertised)

    /// <param name="healthChecked">The node has health checks: it is not healthy until they say so.</param>
    public DecisionPass(WatchdogOptions options, Membership membership, ApiExecutor executor, WatchdogTelemetry telemetry, VerificationWatch verification, bool healthChecked)
    {
        _faults = new FaultConditions(healthChecked);
        _candidacy = new Candidacy(options.InstanceId, options.PreemptDelay, options.NoPreempt, _faults.Healthy);
        _options = options;
        _membership = membership;
        _splitWatch = new SplitWatch(options, membership);
        _executor = executor;
        _telemetry = telemetry;
        _listedHolders = new ListedHolders(options.InstanceId, membership, executor, _candidacy, _splitWatch, telemetry);
        _election = new NodeElection(options, membership, verification, _faults, _listedHolders);
        _answers = new ApiAnswers(options, membership, executor, telemetry, verification, _candidacy, _faults, _splitWatch, _listedHolders, () => Role);
        _lastPriority = options.Priority;
    }

    public NodeRole Role { get; private set; } = NodeRole.Starting;

    public ElectionVerdict? Verdict { get; private set; }

    /// <summary>
    /// True in Fault for a clock skew: the node sends no advert. After its clock stepped back, its stamps still pass for a
    /// window, and its peers would go on counting on a node that is out of the election (holding the Elastic IP, it
    /// would keep it); silent, it is dead to them after the dead time, and they take the Elastic IP over.
    /// </summary>
    public bool Silent => Verdict is { Reason: ElectionReason.ClockSkew };

    public HoldingState Holding { get => _answers.Holding; private set => _answers.Holding = value; }

    /// <summary>
    /// The priority to advertise: <paramref name="priority"/>; 254 while deferring to a live holder (a preemption
    /// rule); 255 while stopping or unhealthy (any healthy node beats it); while this node's own detach is under way,
    /// what it advertised when that detach left.
    /// </summary>
    public byte Advertised(byte priority) =>
        Holding.Stop is not null ? AdvertisedPriority.Ineligible
        : Releasing ? (_releaseWouldLead ? AdvertisedPriority.Deferring : _advertisedAtRelease)
        : AdvertisedPriority.For(priority, _candidacy.Current);

    /// <summary>
    /// A detach of this node's Elastic IP has left and not answered: it may land at any moment, whatever this node decides
    /// meanwhile. Were it to beat its successor before then (its health back, its priority raised), the successor would
    /// let go on seeing it hold, and the detach would then leave the address on nobody. Until the answer, it advertises
    /// what it did when the detach left (to the other nodes, nothing changed).
    /// </summary>
    public bool Releasing => _executor.Running(ApiSlotKind.Self) is DetachSelf;

    /// <summary>Whether the node defers to a live holder under -PreemptDelay or -NoPreempt.</summary>
    public bool Deferring => _candidacy.Current == Eligibility.Deferring;

    /// <summary>The health checks' verdict changed; true when what this node advertises changes with it.</summary>
    public bool OnHealth(HealthTransition transition)
    {
        var healthy = transition.Status == HealthStatus.Healthy;
        if (!_faults.OnHealth(healthy)) return false;
        if (!healthy) _candidacy.Ineligible();
        return Holding.Stop is null;
    }

    /// <summary>A reload changed the preemption rule, the health checks or the peer source (the fixed options stay as they were given).</summary>
    public void Reconfigure(WatchdogOptions options, bool healthChecked)
    {
        _faults.Reconfigure(healthChecked, options.PeersListed);
        _candidacy.UseRule(options.PreemptDelay, options.NoPreempt);
    }

    /// <summary>One pass at <paramref name="now"/> (the loop's monotonic time); <paramref name="wall"/> is the wall clock.</summary>
    /// <param name="announcedMaster">Hooks were last told Master.</param>
    /// <returns>The stop's outcome once it is over, else null; and the next deadline to wake up for.</returns>
    public (string? Finished, DateTimeOffset? WakeAt) Run(DateTimeOffset now, DateTimeOffset wall, byte priority, bool announcedMaster)
    {
        _announcedMaster = announcedMaster;
        // A VM paused, then resumed: the monotonic clock did not move meanwhile, the wall clock did. (A wall-clock
        // step forward reads the same; it costs a look at the API.)
        if (_lastPass is { } last && (wall - last.Wall) - (now - last.Now) is var hidden && hidden >= _options.Timing.DeadAfter - _options.Interval)
        {
            _telemetry.Stalled(hidden);
            DropBeliefs(now);
        }
        if (_lastAdvertised is { } sent)
            foreach (var peer in _membership.Peers)
                if (peer.LastSeen > _lastPass?.Now) peer.PriorityItKnows = sent;
        _lastPass = (now, wall);
        if (_membership.ExcuseOwnStall(now, holdingOff: Role == NodeRole.Starting) is { } stall)
        {
            _telemetry.Stalled(stall);
            // Silent that long, this node may have been declared dead, and a peer may have taken the Elastic IP:
            // nothing it believed of the holders still holds, nor do the calls it had under way.
            if (stall >= _options.Timing.DeadAfter - _options.Interval) DropBeliefs(now);
        }
        if (priority != _lastPriority) _telemetry.PriorityChanged(_lastPriority, _lastPriority = priority);
        _splitWatch.OnPrompt(now);
        foreach (var change in _membership.UpdateLiveness(now))
        {
            _telemetry.Membership(change);
            _candidacy.Invalidate();
            if (change.Kind == MembershipChangeKind.Down) _splitWatch.PeerFellSilent(now);
            if (change.Kind != MembershipChangeKind.Up) continue;
            (Holding, var forgetPeer) = ReconcilePolicy.OnPeerUp(Holding, Role);
            if (forgetPeer) _membership.RecordHolding(change.Peer!, null, now);
        }
        // A stopping node claims nothing (it advertises 255): once it hears a live peer to hand over to, the hold-off is over.
        if (Holding.Stop is not null && Role == NodeRole.Starting && _membership.View.AnyAlive()) _membership.EndHoldOff(now);
        // Every peer heard: waiting out the hold-off would teach nothing more of who is alive. (Under a preemption rule the
        // hold-off is also the time a node defers to whoever holds the address: it runs whole.)
        if (Role == NodeRole.Starting && !_candidacy.Restricted && _membership.View.AllHeard()) _membership.EndHoldOff(now);

        if (Holding.SelfHolds != _selfHoldsSeen)
        {
            _selfHoldsSeen = Holding.SelfHolds;
            _candidacy.Invalidate();
        }
        var wasDeferring = Deferring;
        // A node handing the Elastic IP over is no longer its holder for preemption, whatever it last heard of it.
        _candidacy.Evaluate(now, eligible: _faults.Reason is null, holdingOff: Role == NodeRole.Starting, selfHolds: Holding is { SelfHolds: true, Handover: null }, _membership.Peers);
        if (_candidacy.WantsListing && _executor.ElasticIpId is not null) _listedHolders.Start(ListingPurpose.Routine, now);
        // Releasing, and the peer it let go to, alive, has meanwhile become worse than it (a priority flip, a health check):
        // were it master, that peer would hand over to it and let go, seeing it hold, while its own detach lands:
        // nobody would hold the address. Until the detach answers it advertises no candidate's priority, and the
        // peer that holds stays master; after it, this node takes over by the book (attach, then the peer lets go).
        _releaseWouldLead = Releasing && Holding.Stop is null && _membership.View.Find(_releasedTo) is { IsAlive: true }
            && _election.At(_advertisedAtRelease, now) is { Role: NodeRole.Master, LivePeers: > 0 };
        var advertised = Advertised(priority);
        _lastAdvertised = advertised;
        if (Deferring != wasDeferring && Holding.Stop is null) _telemetry.Deferring(Deferring, advertised);
        var verdict = _election.Decide(advertised, priority, now, wall);
        var previous = Verdict;
        Verdict = verdict;
        var effective = _election.Effective(verdict);
        var masterChanged = !Equals(previous?.MasterAddress, verdict.MasterAddress);
        if (effective.Role != Role || masterChanged) _candidacy.Invalidate();
        if (effective.Role != Role)
        {
            var fromLiveMaster = effective.Role == NodeRole.Master && _options.PeersListed && _membership.View.Find(previous?.MasterAddress) is { IsAlive: true };
            Transition(effective, advertised, now);
            _answers.ConfirmMembershipIn(fromLiveMaster ? _executor.Epoch : null);
        }
        else if (verdict.Role == NodeRole.Backup && masterChanged) _telemetry.MasterChanged(verdict.MasterAddress);

        var decision = Decide(verdict, now);
        Apply(decision, advertised, now);
        if (decision.Finished is { } outcome) return (outcome, null);
        return (null, NextWake(now));
    }

    // The next moment a pass would decide something new with no input: every time a part of the state waits for. A pass
    // only at the loop's interval tick would act up to an interval late (a handover's look, a release wait's end).
    private DateTimeOffset? NextWake(DateTimeOffset now)
    {
        var wakeAt = _membership.NextDeadline(holdingOff: Role == NodeRole.Starting);
        if (StopPolicy.NextDeadline(Holding, now) is { } stop && (wakeAt is null || stop < wakeAt)) wakeAt = stop;
        Sooner(ref wakeAt, _candidacy.DelayEndsAt, now);
        Sooner(ref wakeAt, _splitWatch.NextListingAt(now, Role), now);
        if (Holding.Handover is { } handover)
        {
            Sooner(ref wakeAt, handover.NextWatchAt, now);
            Sooner(ref wakeAt, handover.AttachForSuccessorAt, now);
        }
        if (Role == NodeRole.Master)
        {
            Sooner(ref wakeAt, MasterPolicy.ReleasedAt(Holding, _options), now);
            foreach (var peer in _membership.Peers) Sooner(ref wakeAt, MasterPolicy.TakingUntil(peer, _options), now);
        }
        Sooner(ref wakeAt, Holding.NextReconcileAt, now);
        Sooner(ref wakeAt, _membership.NextRefreshAt, now);
        Sooner(ref wakeAt, _executor.NextRetryAt, now);
        return wakeAt;
    }

    private static void Sooner(ref DateTimeOffset? wakeAt, DateTimeOffset? due, DateTimeOffset now)
    {
        if (due is { } at && at > now && (wakeAt is null || at < wakeAt)) wakeAt = at;
    }

    /// <summary>Applies an API call's result.</summary>
    public void OnCallCompleted(ApiCallResult result, DateTimeOffset now) => _answers.OnCallCompleted(result, now);

    /// <summary>A stop was asked for.</summary>
    /// <returns>The outcome when the watchdog ends at once; null when a releasing stop begins (or is already under way).</returns>
    public string? OnStop(bool release, DateTimeOffset now)
    {
        if (Holding.Stop is not null)
            return release ? null : "stopped without waiting for the handover to finish; the Elastic IP may still be attached here";
        if (!release) return Holding.SelfHolds == true ? "stopped, keeping the Elastic IP (planned restart)" : "stopped without releasing (planned restart)";
        Holding = StopPolicy.Begin(Holding, now, _options);
        _telemetry.Stopping();
        return null;
    }

    // The role's decision: the stopping node's, or the running role's (each role's rules in its policy).
    private Decision Decide(ElectionVerdict verdict, DateTimeOffset now)
    {
        // A stranger's advert brings a running node's next listing of its peers forward (a stopping node's are its handover's).
        if (Holding.Stop is null) _membership.TakeStrangers();
        // Announced Master and no longer sure it holds the address (a call failed, a reconciliation forgot): the truth is
        // owed to its hooks as soon as the API answers again, so its look at itself is tried again an interval after a
        // failure, not at the backoff's pace.
        if (_announcedMaster && Holding.SelfHolds is null) _executor.RetryWithin(ApiSlotKind.Self, _options.Interval);
        // The split watch lists the holders every interval, the API being this node's only view of its peers: a failed
        // listing does not slow it down.
        if (_splitWatch.IsOn(now, Role)) _executor.RetryWithin(ApiSlotKind.Holders, _options.Interval);
        var context = new PolicyContext(verdict, _membership.View, _executor.ElasticIpId is not null, now, _options, _executor.Running(ApiSlotKind.Self),
            MembershipUnconfirmed: _answers.MembershipUnconfirmedIn(_executor.Epoch), RefreshDue: _membership.RefreshDue(now), SplitWatchDue: _splitWatch.ListingDue(now, Role),
            Unheard: !_membership.HeardAnyPeer || _membership.MayBeUnknownToPeers(now), HoldersListed: _listedHolders.AnsweredIn(_executor.Epoch));
        if (Holding.Stop is not null) return StopPolicy.Decide(Holding, Role, context);
        return Role switch
        {
            NodeRole.Master => MasterPolicy.Decide(Holding, context),
            NodeRole.Backup => BackupPolicy.Decide(Holding, context),
            NodeRole.Fault => FaultPolicy.Decide(Holding, context),
            _ => Upkeep.Lookups(Holding, context), // Starting: in its hold-off a node claims nothing
        };
    }

    // Every effect of a decision, in its order: its bookkeeping, then its calls (the executor drops one whose slot is busy).
    private void Apply(Decision decision, byte advertised, DateTimeOffset now)
    {
        Holding = decision.State;
        if (decision.Reconciling)
        {
            _telemetry.Reconciling();
            _candidacy.Invalidate();
            _faults.Retry();
        }
        if (decision.ForgetPeerHoldings) _membership.ForgetHoldings();
        if (decision.Keeps) _telemetry.FaultKeeps();
        if (decision.ResolveElasticIp) _executor.TryStart(new ResolveElasticIp(), now);
        if (decision.RefreshPeers) _executor.TryStart(new RefreshPeers(), now);
        if (decision.Listing is { } purpose) _listedHolders.Start(purpose, now);
        foreach (var command in decision.Commands)
        {
            if (command is DetachSelf)
            {
                if (!Releasing) (_advertisedAtRelease, _releasedTo) = (advertised, Holding.Handover?.Successor);
                _answers.ForgetHeldAsMaster();
            }
            _executor.TryStart(command, now);
        }
    }

    // Everything learnt from the API is to be learnt again, and the calls under way answer for beliefs now dropped.
    private void DropBeliefs(DateTimeOffset now)
    {
        _executor.NewEpoch();
        _answers.ForgetHeldAsMaster(); // declared dead meanwhile, it may well have lost the address to a peer that was right
        Holding = Holding.Unknown() with { Handover = null };
        _candidacy.Invalidate();
        ForgetHoldings(now);
        // Declared dead meanwhile, it may have a peer beyond a split that detaches it next: as a master, it watches.
        _splitWatch.Stalled(now);
    }

    private void Transition(ElectionVerdict verdict, byte advertised, DateTimeOffset now)
    {
        var from = Role;
        Role = verdict.Role;
        _answers.ForgetHeldAsMaster();
        _executor.NewEpoch(); // the old role's calls answer questions the new role does not ask
        _telemetry.RoleChanged(from, verdict, advertised, now);
        (Holding, var forgetPeers) = ReconcilePolicy.OnRoleChange(Holding, from, verdict.Role, now, _options);
        _executor.ResetActionBackoff();
        if (forgetPeers) ForgetHoldings(now);
    }

    // A master checks everyone again, and asks the API who holds the Elastic IP: an instance that is no peer
    // (attached by hand, out of the group, a replaced one) would otherwise keep part of the traffic for ever.
    private void ForgetHoldings(DateTimeOffset now)
    {
        _membership.ForgetHoldings();
        if (Role == NodeRole.Master) _listedHolders.Start(ListingPurpose.Check, now);
    }
}
