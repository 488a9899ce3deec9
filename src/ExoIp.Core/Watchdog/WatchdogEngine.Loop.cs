using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Election;
using ExoIp.Exoscale;
using ExoIp.Peers;
using ExoIp.Protocol;
using Microsoft.Extensions.Logging;

namespace ExoIp.Watchdog;

// The loop's state and decisions. Everything here runs on the loop only.
public sealed partial class WatchdogEngine
{
    private readonly PeerTable _peers;
    private readonly ApiSlot _elasticIpSlot;
    private readonly ApiSlot _peerListSlot;
    private readonly ApiSlot _selfSlot;
    private readonly ApiSlot _peerSlot;
    private MonotonicClock? _clock;
    private ITimer? _wakeTimer;
    private DateTimeOffset? _wakeAt;
    private WatchdogStatus _status = WatchdogStatus.NotStarted;
    private volatile bool _finished; // read by the receiver and send observers too
    private DateTimeOffset _startedAt;
    // The hold-off counts from here; a stall during it pushes it on. Null until the peers are known (a security
    // group's members are listed through the API): a node that knows no peer hears nothing, and must not
    // conclude from that silence that no peer is alive.
    private DateTimeOffset? _listeningSince;
    private ElasticIp? _elasticIp;
    private NodeRole _role = NodeRole.Starting;
    private ElectionVerdict? _verdict;
    private byte _lastPriority;
    private DateTimeOffset? _lastEvaluatedAt;
    private DateTimeOffset? _lastTransitionAt;
    private string? _lastTransitionReason;

    // What the API last said about this node; null = not known, to be checked before acting.
    private bool? _selfHolds;
    private DateTimeOffset _nextReconcileAt = DateTimeOffset.MaxValue;
    private DateTimeOffset _nextPeerRefreshAt;
    private DateTimeOffset _lastPeerRefreshAt = DateTimeOffset.MinValue;

    // A node that holds the Elastic IP while another is (or is becoming) master watches that master
    // through the API and lets go only once it holds the Elastic IP (see HandOverTo).
    private Peer? _watched;
    private int _watchPolls;
    private DateTimeOffset _nextWatchAt;
    private DateTimeOffset? _detachSelfBy;
    private DateTimeOffset _attachForSuccessorAt;
    private bool _attachedForSuccessor;

    // Peers that left the security group, not yet known to be without the Elastic IP. They are out of the
    // election, so nothing else would ever take it from them; whoever is master does, once it holds it.
    private readonly List<Peer> _departed = new();

    private StopState? _stop;

    private byte AdvertisedPriority => _stop is null ? Priority : StoppingPriority;

    private void OnDatagram(LoopInput.Datagram input)
    {
        var source = input.Received.Source;
        if (!Advertisement.TryDecode(input.Received.Payload, out var advert, out var rejection))
        {
            Drop(DatagramDropReasons.From(rejection), source);
            return;
        }
        if (!advert.Names(_options.ElasticIp!))
        {
            Drop(DatagramDropReason.ForeignElasticIp, source);
            return;
        }
        var peer = _peers.Find(source);
        if (peer is null)
        {
            Drop(DatagramDropReason.UnknownSource, source);
            return;
        }
        if (advert.Identity == _options.InstanceId || (peer.InstanceId is { } known && known != advert.Identity))
        {
            Drop(DatagramDropReason.IdentityMismatch, source);
            // The instance behind a peer address may have been re-created: look the peers up again soon,
            // but no more often than the retry ceiling, whatever a forger sends.
            if (peer.InstanceIdFromApi)
                _nextPeerRefreshAt = Min(_nextPeerRefreshAt, _lastPeerRefreshAt + _options.MaxRetryDelay);
            return;
        }
        peer.RecordAdvertisement(advert.Identity, advert.Priority, input.At);
        Counters.AdvertisementAccepted();
    }

    private void Drop(DatagramDropReason reason, IPAddress source)
    {
        Counters.DatagramDropped(reason);
        LogLimited("drop:" + reason, LogLevel.Warning, null, $"dropped a datagram from {source}: {reason}");
    }

    private void SendAdvertisements()
    {
        var datagram = new Advertisement(AdvertisedPriority, _options.ElasticIp!, _options.InstanceId).Encode();
        foreach (var peer in _peers.Peers) Send(peer.Address, datagram);
    }

    private void Send(IPAddress destination, byte[] datagram)
    {
        try
        {
            var sending = _transport!.SendAsync(destination, datagram);
            if (sending.Status == TaskStatus.RanToCompletion) Counters.AdvertisementSent();
            else _ = ObserveSendAsync(sending, destination);
        }
        catch (Exception ex)
        {
            SendFailed(destination, ex);
        }
    }

    private async Task ObserveSendAsync(Task sending, IPAddress destination)
    {
        try
        {
            await sending.ConfigureAwait(false);
            Counters.AdvertisementSent();
        }
        catch (Exception ex)
        {
            SendFailed(destination, ex);
        }
    }

    private void SendFailed(IPAddress destination, Exception ex)
    {
        if (_killed || _finished) return;
        Counters.SendFailed();
        LogLimited("send:" + destination, LogLevel.Warning, ex, $"sending an advert to {destination} failed");
    }

    private void Evaluate()
    {
        var now = _clock!.Now;
        ExcuseOwnStall(now);
        NoticePriorityChange();
        foreach (var peer in _peers.UpdateLiveness(now)) OnLivenessChanged(peer);
        EndHoldOffToHandOver(now);
        var self = new ElectionCandidate(_options.InstanceId, AdvertisedPriority);
        var verdict = Elector.Decide(self, _peers.Peers, _listeningSince, now, _timing);
        var previous = _verdict;
        _verdict = verdict;
        if (verdict.Role != _role) Transition(verdict, now);
        else if (verdict.Role == NodeRole.Backup && !Equals(previous?.MasterAddress, verdict.MasterAddress))
            _logger.LogInformation("[{Watchdog}] master is now {Master}", Name, verdict.MasterAddress);

        if (_stop is { } stop) DriveStop(stop, now);
        else Drive(now);
        if (!_finished) ScheduleWake(now);
    }

    private void ExcuseOwnStall(DateTimeOffset now)
    {
        // Ticks make the loop evaluate at least every interval. A much longer gap means this process was not
        // running (a pause, an overloaded host): the adverts that came meanwhile wait unread in the socket, and
        // the first input after the pause may be a liveness deadline. The silence was ours, not the peers':
        // without this, a node waking from a pause would declare every peer dead and grab the Elastic IP.
        var last = _lastEvaluatedAt;
        _lastEvaluatedAt = now;
        if (last is null || now - last.Value <= _options.Interval + _options.Interval) return;
        var stall = now - last.Value - _options.Interval;
        foreach (var peer in _peers.Peers) peer.ExcuseSilence(stall, now);
        if (_role == NodeRole.Starting) _listeningSince += stall; // the hold-off is for listening, and we were not
        LogLimited("stall", LogLevel.Warning, null,
            $"this node did not run for {stall.TotalMilliseconds:0} ms; the peers' silence meanwhile is not held against them");
    }

    // The hold-off keeps a starting node from claiming the Elastic IP before it has heard its peers. A stopping
    // node claims nothing (it advertises 255): once it hears a live peer to hand over to, the wait is over.
    private void EndHoldOffToHandOver(DateTimeOffset now)
    {
        if (_stop is null || _role != NodeRole.Starting || !_peers.Peers.Any(p => p.IsAlive)) return;
        _listeningSince = now - _timing.HoldOff;
    }

    private void NoticePriorityChange()
    {
        var priority = Priority;
        if (priority == _lastPriority) return;
        _logger.LogInformation("[{Watchdog}] priority changed from {Old} to {New}", Name, _lastPriority, priority);
        _lastPriority = priority;
    }

    private void OnLivenessChanged(Peer peer)
    {
        var instance = peer.InstanceId?.ToString();
        if (peer.IsAlive)
        {
            _logger.LogInformation("[{Watchdog}] peer {Peer} is up (priority {Priority})", Name, peer, peer.Priority);
            Emit(WatchdogEventKind.PeerUp, $"Peer {peer} is up, priority {peer.Priority}.", peer: peer.Address, instanceId: instance);
            if (_role == NodeRole.Master)
            {
                // It may have acted while we could not hear each other (a partition): check again before relying on old answers.
                _selfHolds = null;
                peer.HoldsElasticIp = null;
            }
        }
        else
        {
            _logger.LogWarning("[{Watchdog}] peer {Peer} is down: silent for more than {DeadAfter}", Name, peer, _timing.DeadAfter);
            Emit(WatchdogEventKind.PeerDown, $"Peer {peer} is down: silent for more than {_timing.DeadAfter.TotalSeconds:0.###} s.",
                peer: peer.Address, instanceId: instance);
        }
    }

    private void Transition(ElectionVerdict verdict, DateTimeOffset now)
    {
        var from = _role;
        _role = verdict.Role;
        Counters.Transition();
        var reason = verdict.Describe(AdvertisedPriority);
        _lastTransitionAt = now;
        _lastTransitionReason = reason;
        _logger.LogInformation("[{Watchdog}] {From} -> {To}: {Reason}", Name, from, verdict.Role, reason);
        Emit(WatchdogEventKind.StateChanged, $"{from} -> {verdict.Role}: {reason}", role: verdict.Role, reason: verdict.Reason);

        // The first verdict is the start-up reconciliation; a new master checks everyone. A master becoming
        // backup keeps what it knows: it holds the Elastic IP, and will let go once the new master has it.
        if (from == NodeRole.Starting) _nextReconcileAt = now + _options.ReconcileInterval;
        if (from == NodeRole.Starting || verdict.Role == NodeRole.Master) ForgetHoldings(peersToo: verdict.Role == NodeRole.Master);
        _selfSlot.Reset();
        _peerSlot.Reset();
        _watched = null;
    }

    private void ForgetHoldings(bool peersToo)
    {
        _selfHolds = null;
        if (!peersToo) return;
        foreach (var peer in _peers.Peers) peer.HoldsElasticIp = null;
    }

    private void Drive(DateTimeOffset now)
    {
        if (_elasticIp is null && _elasticIpSlot.IsReady(now)) ResolveElasticIp();
        if (now >= _nextPeerRefreshAt && _peerListSlot.IsReady(now)) RefreshPeers();
        if (_elasticIp is null || _role == NodeRole.Starting) return;
        if (now >= _nextReconcileAt)
        {
            _nextReconcileAt = now + _options.ReconcileInterval;
            _logger.LogDebug("[{Watchdog}] reconciling with the API", Name);
            ForgetHoldings(peersToo: _role == NodeRole.Master);
        }
        if (_role == NodeRole.Master) DriveMaster(now);
        else DriveBackup(now);
    }

    private void DriveMaster(DateTimeOffset now)
    {
        if (_selfHolds != true && _selfSlot.IsReady(now)) AttachSelf();
        if (!_peerSlot.IsReady(now)) return;
        // A dead holder is detached at once, beside our own attach (an unplanned failover keeps two holders for
        // at most one API operation); a live one, or one that left the group, only once we hold the Elastic IP
        // (make-before-break).
        var target = _peers.Peers
            .Where(p => p.InstanceId.HasValue && p.HoldsElasticIp != false && (_selfHolds == true || IsDead(p, now)))
            .OrderBy(p => !IsDead(p, now))
            .FirstOrDefault()
            ?? (_selfHolds == true ? _departed.FirstOrDefault() : null);
        if (target is not null) DetachPeer(target);
    }

    // Dead as far as taking the Elastic IP from it goes: heard, then silent; or never heard in a whole hold-off
    // since it was listed. A peer listed a moment ago may well be alive (even master) and simply not heard yet.
    private bool IsDead(Peer peer, DateTimeOffset now) =>
        !peer.IsAlive && (peer.LastSeen is not null || peer.ListedAt is not { } listed || now - listed >= _timing.HoldOff);

    private void DriveBackup(DateTimeOffset now)
    {
        if (_selfHolds is null)
        {
            if (_selfSlot.IsReady(now)) CheckSelf();
            return;
        }
        if (_selfHolds == false) return;
        // Holding it as a backup: a better node took over (or is about to). Let go only once the API shows the
        // master holding it, so there is never a moment without a holder, and a forged "better" advert cannot
        // make this node release with no one taking over. If the master never manages, this node keeps it.
        HandOverTo(_peers.Find(_verdict!.MasterAddress!)!, now);
    }

    /// <summary>
    /// Make-before-break from the side that holds the Elastic IP and should not: first watch the successor
    /// through the API until it holds the Elastic IP; then wait for it to let this node go, as a new master
    /// does right after its own attach, checking this node's instance meanwhile. Detaching here as well
    /// would race that detach (the second fails while the first is pending), so this node detaches itself
    /// only if it still holds the Elastic IP an API timeout later: a fallback, e.g. for a master that did
    /// not know this node held it.
    /// A master may also never attach: it can believe it holds the Elastic IP while this node, declaring it
    /// dead during a one-way partition or a freeze it did not notice, took it away. So once the successor
    /// has had a hold-off and a third of an API timeout to attach and still does not hold it, this node
    /// attaches it to the successor itself, then lets go at once: nobody else will detach it then.
    /// </summary>
    private void HandOverTo(Peer successor, DateTimeOffset now)
    {
        if (!ReferenceEquals(_watched, successor))
        {
            _watched = successor;
            _detachSelfBy = null;
            _attachedForSuccessor = false;
            _attachForSuccessorAt = now + _timing.HoldOff + TimeSpan.FromTicks(_options.ApiTimeout.Ticks / 3);
            WatchAgain(now, first: true);
            successor.HoldsElasticIp = null; // decide on a fresh answer, not on one from an older role
        }
        if (successor.HoldsElasticIp != true)
        {
            if (!_peerSlot.IsReady(now)) return;
            if (now >= _attachForSuccessorAt && successor.InstanceId is not null) AttachForSuccessor(successor);
            else if (now >= _nextWatchAt) CheckPeer(successor);
            return;
        }
        if (_detachSelfBy is null)
        {
            _detachSelfBy = _attachedForSuccessor ? now : now + _options.ApiTimeout;
            WatchAgain(now, first: false);
        }
        if (now >= _detachSelfBy)
        {
            if (_selfSlot.IsReady(now)) DetachSelf();
        }
        else if (now >= _nextWatchAt && _selfSlot.IsReady(now))
        {
            CheckSelf();
        }
    }

    /// <summary>An answer while handing over: the successor does not hold it yet, or this node still does.</summary>
    private void OnHandoverAnswer(bool waitingGoesOn)
    {
        if (waitingGoesOn && _watched is not null) WatchAgain(_clock!.Now, first: false);
    }

    // Look every interval at first, then back off to the retry ceiling: bounded API use if the other side
    // takes long or never manages. A stopping node keeps looking every interval until its deadline.
    private void WatchAgain(DateTimeOffset now, bool first)
    {
        _watchPolls = first ? 0 : _watchPolls + 1;
        var delay = first ? TimeSpan.Zero
            : _stop is null ? ApiSlot.Backoff(_options.Interval, _options.MaxRetryDelay, _watchPolls - 1)
            : _options.Interval;
        _nextWatchAt = now + delay;
    }

    private void OnStop(bool release)
    {
        var now = _clock!.Now;
        if (_stop is not null)
        {
            if (!release) Finish("stopped without waiting for the handover to finish; the Elastic IP may still be attached here");
            return;
        }
        if (!release)
        {
            Finish(_selfHolds == true
                ? "stopped, keeping the Elastic IP (planned restart)"
                : "stopped without releasing (planned restart)");
            return;
        }
        var timeout = _options.EffectiveStopTimeout;
        _stop = new StopState(now + TimeSpan.FromTicks(timeout.Ticks / 2), now + timeout);
        _status = WatchdogStatus.Stopping;
        _logger.LogInformation("[{Watchdog}] stopping: advertising priority {Priority} to hand over", Name, StoppingPriority);
        SendAdvertisements(); // tell peers now rather than at the next tick
    }

    private void DriveStop(StopState stop, DateTimeOffset now)
    {
        if (now >= stop.HardDeadline)
        {
            Finish(_selfHolds == false
                ? "stopped at the stop timeout"
                : $"stop timed out after {_options.EffectiveStopTimeout.TotalSeconds:0.###} s; the Elastic IP may still be attached here");
            return;
        }
        if (_elasticIp is null)
        {
            Finish("stopped; the Elastic IP was never resolved, so nothing was attached by this watchdog");
            return;
        }
        if (_selfHolds == false)
        {
            Finish("stopped; this node does not hold the Elastic IP");
            return;
        }
        if (_role == NodeRole.Starting && now < stop.HandoverDeadline)
        {
            // Stopped during the hold-off: a restarted master may still hold the Elastic IP. Find out; if it does,
            // hand it over once a live peer is heard, or let go when the hold-off ends with none.
            if (_selfHolds is null && _selfSlot.IsReady(now)) CheckSelf();
            return;
        }
        var successor = _verdict?.Role == NodeRole.Backup ? _peers.Find(_verdict.MasterAddress!) : null;
        if (successor is null || now >= stop.HandoverDeadline)
        {
            // Nobody to hand over to, or waited long enough: let go now (the detach checks first).
            if (_selfSlot.IsReady(now)) DetachSelf();
            return;
        }
        if (_selfHolds is null)
        {
            if (_selfSlot.IsReady(now)) CheckSelf();
            return;
        }
        HandOverTo(successor, now);
    }

    private void Finish(string outcome)
    {
        _finished = true;
        Interlocked.Increment(ref _pendingWork); // the teardown is work too, until the run completes
        _logger.LogInformation("[{Watchdog}] {Outcome}", Name, outcome);
        Emit(WatchdogEventKind.Stopped, char.ToUpperInvariant(outcome[0]) + outcome.Substring(1) + ".", holds: _selfHolds);
    }

    private void ScheduleWake(DateTimeOffset now)
    {
        // Liveness and hold-off are decided to the millisecond, not at the next tick: failover time counts.
        var next = _peers.NextExpiry() + TimeSpan.FromMilliseconds(1);
        if (_role == NodeRole.Starting && _listeningSince is { } since) next = Min(next, since + _timing.HoldOff);
        if (_stop is { } stop) next = Min(next, now < stop.HandoverDeadline ? stop.HandoverDeadline : stop.HardDeadline);
        if (next == _wakeAt) return;
        _wakeAt = next;
        var due = next is { } at ? Max(at - now, TimeSpan.FromMilliseconds(1)) : Timeout.InfiniteTimeSpan;
        _wakeTimer!.Change(due, Timeout.InfiniteTimeSpan);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset b) => a is { } value && value < b ? value : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>A graceful stop in progress: wait for a successor until the handover deadline, give up at the hard one.</summary>
    private sealed record StopState(DateTimeOffset HandoverDeadline, DateTimeOffset HardDeadline);
}
