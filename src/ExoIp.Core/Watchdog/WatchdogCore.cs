using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using ExoIp.Election;
using ExoIp.Execution;
using ExoIp.Execution.Commands;
using ExoIp.Exoscale;
using ExoIp.Notify;
using ExoIp.Peers;
using ExoIp.Protocol;
using ExoIp.Telemetry;
using ExoIp.Transport;

namespace ExoIp.Watchdog;

/// <summary>
/// The watchdog without threads, timers or sockets: it takes the loop's inputs one at a time and, after each
/// batch, decides (membership, the election, the policies) and says what the shell around it must do, as data
/// (<see cref="CoreStep"/>): what to advertise, when to wake up, what the notify hooks hear, whether the run is
/// over. API calls start through the executor, which runs them where the shell says. The engine is one such
/// shell (a loop over a channel, real time and a socket); the fault campaign's simulation is another (one
/// thread, virtual time), so what the campaign checks is the code that runs.
/// </summary>
internal sealed class WatchdogCore
{
    private volatile WatchdogOptions _options;
    private readonly WatchdogTelemetry _telemetry;
    private readonly RoleAnnouncer _announcer;
    private readonly Func<DateTimeOffset> _now;
    private readonly VerificationWatch _verification;
    private readonly TimeProvider _time;
    private byte? _plannedPriority;
    private IPAddress[] _plannedPeers = Array.Empty<IPAddress>();
    private WatchdogStatus _status = WatchdogStatus.NotStarted;
    private bool _healthChecked;
    private bool _listingOutdated; // a listing in flight asks the peer source a reload has since replaced

    /// <param name="options">Validated options.</param>
    /// <param name="client">The API (the caller wraps it in what counts calls).</param>
    /// <param name="time">For the API calls' timeouts.</param>
    /// <param name="now">The loop's clock (monotonic).</param>
    /// <param name="telemetry">Where every happening goes.</param>
    /// <param name="mismatches">Adverts from peers' addresses this node's key could not verify.</param>
    /// <param name="healthChecked">The node has health checks: it is not healthy until they say so.</param>
    /// <param name="completed">Receives each API call's result, on whatever thread the call ended; the shell posts it back as an input.</param>
    /// <param name="beside">Runs an API call beside the loop (the engine: on the thread pool).</param>
    public WatchdogCore(WatchdogOptions options, IExoscaleClient client, TimeProvider time, Func<DateTimeOffset> now, WatchdogTelemetry telemetry,
        VerificationWatch verification, bool healthChecked, Action<ApiCallResult> completed, Action<Func<Task>> beside)
    {
        _options = options;
        _telemetry = telemetry;
        _now = now;
        _verification = verification;
        _time = time;
        _healthChecked = healthChecked;
        Membership = new Membership(options);
        Executor = new ApiExecutor(new CountingExoscaleClient(client, telemetry.Counters), options, time, telemetry.Counters, completed, beside);
        Decisions = new DecisionPass(options, Membership, Executor, telemetry, verification, healthChecked);
        _announcer = new RoleAnnouncer(options.EffectiveName, options.ElasticIp!.ToString());
    }

    /// <summary>The options it runs with, as the last reload left them; read from any thread.</summary>
    public WatchdogOptions Options => _options;

    /// <summary>The peers and what was heard of them.</summary>
    public Membership Membership { get; }

    /// <summary>Runs the API calls.</summary>
    public ApiExecutor Executor { get; }

    /// <summary>The role, the verdict and the holding state.</summary>
    public DecisionPass Decisions { get; }

    /// <summary>Running, stopping (a releasing stop under way) or stopped.</summary>
    public WatchdogStatus Status => _status;

    /// <summary>The run ended (stopped, killed): the shell stops feeding inputs.</summary>
    public bool Finished { get; private set; }

    /// <summary>How the run ended, as a sentence (the Stopped hook's reason); null while it runs.</summary>
    public string? Outcome { get; private set; }

    /// <summary>What the notify hooks were last told.</summary>
    public string? Announced => _announcer.Announced;

    /// <summary>The run begins now.</summary>
    public void Start(byte priority)
    {
        var now = _now();
        Membership.Start(now, peersListedLater: _options.PeersListed);
        _status = WatchdogStatus.Running;
        _telemetry.Started(now, priority, Membership.Peers.Count);
    }

    /// <summary>One input; the decisions wait for <see cref="Step"/>, after the batch.</summary>
    public void Handle(LoopInput input)
    {
        switch (input)
        {
            case LoopInput.Advert advert:
                if (Membership.Accept(advert.Advertisement, advert.Source, _options.InstanceId, advert.At) is { } reason)
                {
                    _telemetry.Dropped(reason, advert.Source);
                }
                else
                {
                    _telemetry.Counters.AdvertisementAccepted();
                    _verification.Accepted(_now(), _time.GetUtcNow(), advert.SignedWithNextKey);
                }
                break;
            case LoopInput.HealthChanged health:
                _telemetry.HealthChanged(health.Transition);
                Decisions.OnHealth(health.Transition); // the step's plan sends the new priority at once
                break;
            case LoopInput.CallCompleted completed when _listingOutdated && completed.Result.Command is RefreshPeers:
                _listingOutdated = false;
                Executor.Complete(completed.Result, _now()); // frees its slot; what it says of the old source is no news
                break;
            case LoopInput.CallCompleted completed:
                Decisions.OnCallCompleted(completed.Result, _now());
                break;
            case LoopInput.Reconfigure reconfigure:
                Reconfigure(reconfigure.Change);
                break;
            case LoopInput.Stop stop:
                OnStop(stop.ReleaseElasticIp);
                break;
            case LoopInput.Kill:
                Finish("killed: no API call made, the Elastic IP stays where it was");
                break;
            case LoopInput.Wake or LoopInput.PriorityChanged:
                break; // the step after the batch looks at the time and the priority
            default:
                throw new ArgumentOutOfRangeException(nameof(input), input, "Unknown loop input.");
        }
    }

    /// <summary>The decisions after a batch of inputs, at the current <paramref name="priority"/>.</summary>
    public CoreStep Step(byte priority)
    {
        DateTimeOffset? wakeAt = null;
        AdvertisementPlan? plan = null;
        var timing = AdvertTiming.OnCadence;
        var wasMaster = Decisions.Role == NodeRole.Master;
        if (!Finished)
        {
            var (finished, next) = Decisions.Run(_now(), _time.GetUtcNow(), priority, announcedMaster: _announcer.Announced == "Master");
            if (finished is not null) Finish(finished);
            else wakeAt = next;
        }
        if (!Finished) (plan, timing) = PlanAdverts(priority, becameMaster: !wasMaster && Decisions.Role == NodeRole.Master);
        Publish(priority);
        var announcement = Finished ? null
            : _status == WatchdogStatus.Stopping ? _announcer.ObserveStopping(Decisions.Holding.SelfHolds, _now())
            : _announcer.Observe(Decisions.Role, Decisions.Holding.SelfHolds, Decisions.Releasing, _telemetry.Snapshot.LastTransitionReason, _now());
        return new CoreStep(wakeAt, plan, timing, announcement, _verification.TakeNextKeyRequest());
    }

    /// <summary>The Stopped announcement, once the run is over; <paramref name="failure"/> when it failed rather than stopped.</summary>
    public RoleChange End(string? failure = null) => _announcer.End(failure ?? Outcome ?? "stopped", _now());

    /// <summary>The run ended: the snapshot says Stopped.</summary>
    public void Ended(byte priority)
    {
        _status = WatchdogStatus.Stopped;
        Publish(priority);
    }

    /// <summary>The priority this node advertises now.</summary>
    public byte Advertised(byte priority) => Decisions.Advertised(priority);

    // A reload, between two passes: everything that reads the changed settings gets them now; the step after the
    // batch decides under them (the priority is the shell's, set before).
    private void Reconfigure(Reconfiguration change)
    {
        var options = change.AppliedTo(_options);
        var sourceChanged = Reconfiguration.PeerSourceChanged(_options, options);
        if (change.HealthChecks is { } checks) _healthChecked = checks.Count > 0;
        if (sourceChanged && Executor.IsBusy(ApiSlotKind.PeerList)) _listingOutdated = true;
        Membership.Reconfigure(options, sourceChanged, _now());
        Executor.Reconfigure(options);
        Decisions.Reconfigure(options, _healthChecked);
        _telemetry.Reconfigured(options, change.HealthChecks is null ? null : _healthChecked);
        _options = options;
    }

    private void OnStop(bool release)
    {
        if (Decisions.OnStop(release, _now()) is { } outcome)
        {
            Finish(outcome);
            return;
        }
        _status = WatchdogStatus.Stopping; // the step's plan sends 255 now rather than at the next interval
    }

    private void Finish(string outcome)
    {
        if (Finished) return;
        Finished = true;
        Outcome = outcome;
        _telemetry.Stopped(outcome, Decisions.Holding.SelfHolds);
    }

    // What to advertise when it changed: a new priority (or the stop's 255) goes out at once; a node that has just become
    // master sends at once and again soon, ahead of its cadence, which tells a peer that cannot hear it to look.
    private (AdvertisementPlan? Plan, AdvertTiming Timing) PlanAdverts(byte priority, bool becameMaster)
    {
        var advertised = Decisions.Advertised(priority);
        // A silent node (Decisions.Silent) plans no peer at all.
        var peers = Decisions.Silent ? Array.Empty<Peer>() : Membership.Peers;
        var peersChanged = !SameAddresses(peers, _plannedPeers);
        var priorityChanged = _plannedPriority is not null && advertised != _plannedPriority;
        var timing = becameMaster ? AdvertTiming.NowAndSoonAgain : priorityChanged ? AdvertTiming.Now : AdvertTiming.OnCadence;
        if (advertised == _plannedPriority && !peersChanged) return (null, timing);
        if (peersChanged) _plannedPeers = peers.Select(p => p.Address).ToArray();
        _plannedPriority = advertised;
        return (new AdvertisementPlan(new Advertisement(advertised, _options.ElasticIp!, _options.InstanceId), _plannedPeers), timing);
    }

    // Without LINQ: this runs after every pass, and with many peers most passes change nothing.
    private static bool SameAddresses(IReadOnlyCollection<Peer> peers, IPAddress[] planned)
    {
        if (peers.Count != planned.Length) return false;
        var i = 0;
        foreach (var peer in peers)
        {
            if (!peer.Address.Equals(planned[i++])) return false;
        }
        return true;
    }

    private void Publish(byte priority) => _telemetry.Publish(_status, _status == WatchdogStatus.Stopped ? NodeRole.Stopped : Decisions.Role, priority,
        Decisions.Advertised(priority), Decisions.Holding.SelfHolds, Membership.Peers, Decisions.Verdict?.MasterAddress, _now());
}

/// <summary>What the shell does after a batch.</summary>
/// <param name="WakeAt">The next deadline to wake up for (liveness, hold-off, a stop, a delay); null when none.</param>
/// <param name="Plan">A new advert plan (priority or peers changed); null when unchanged.</param>
/// <param name="Timing">When the plan goes out: at once when the priority changed or this node became master.</param>
/// <param name="Announcement">What the notify hooks hear; null when nothing new.</param>
/// <param name="SignWithNextKey">From now on, adverts are signed with the next key: the peers do not take the current one.</param>
internal readonly record struct CoreStep(DateTimeOffset? WakeAt, AdvertisementPlan? Plan, AdvertTiming Timing, RoleChange? Announcement, bool SignWithNextKey);
