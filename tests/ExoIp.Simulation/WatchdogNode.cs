using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Election;
using ExoIp.Health;
using ExoIp.Protocol;
using ExoIp.Telemetry;
using ExoIp.Transport;
using ExoIp.Watchdog;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExoIp.Simulation;

/// <summary>
/// The real watchdog (<see cref="WatchdogCore"/>, the code the engine runs) as a simulated process: the shell
/// the engine is, on the world's thread. Inputs queue and are handled in batches with one decision step after
/// each, as in the engine's loop; adverts go out every interval, and at once when the priority changes or the node
/// becomes master (then again a quarter interval later), the rounds counting from there, as the sender's do; the
/// core's deadlines arm a one-shot timer; API calls run in place, their answers arriving when the world says.
/// </summary>
public sealed class WatchdogNode : ISimulatedNode
{
    private readonly Queue<LoopInput> _inputs = new();
    private WatchdogCore? _core;
    private DatagramReceiver? _receiver;
    private AdvertisementSigner? _signer; // with a key, adverts are signed and verified as the engine does
    private NodeEnvironment? _environment;
    private ITimer? _tick; // the loop's look at the time, LoopLookAfter after its last pass
    private ITimer? _rounds; // the sender's rounds of adverts
    private ITimer? _wake;
    private DateTimeOffset? _wakeAt;
    private AdvertisementPlan? _plan;
    private MonotonicClock? _clock;
    private byte _priority;
    private bool _handling;
    private bool _killed;
    private string? _announced;

    /// <inheritdoc />
    public bool Ended { get; private set; }

    /// <inheritdoc />
    public void Start(NodeEnvironment environment)
    {
        _environment = environment;
        var options = environment.Options;
        _priority = options.Priority;
        var clock = _clock = new MonotonicClock(environment.Clock);
        var telemetry = new WatchdogTelemetry(options, TraceLogger.For(environment.Clock, options.Bind.Address.ToString()) ?? NullLogger.Instance, () => clock.Now);
        var verification = new VerificationWatch();
        _core = new WatchdogCore(options, environment.Api, environment.Clock, () => clock.Now, telemetry, verification, healthChecked: false,
            result => Post(new LoopInput.CallCompleted(result)), call => _ = call());
        var reader = new AdvertisementReader(null);
        if (options.AuthKeys is { } keys)
        {
            _signer = new AdvertisementSigner(keys, environment.Clock);
            reader = new AdvertisementReader(new AdvertisementVerifier(keys, environment.Clock, AdvertisementVerifier.WindowFor(options.Interval, options.DeadRatio)));
        }
        _receiver = new DatagramReceiver(options, _core.Membership, telemetry, environment.Clock, () => clock.Now,
            advert => { Post(advert); return true; }, () => Ended || _killed, reader, verification);
        _core.Start(_priority);
        _rounds = environment.Clock.CreateTimer(_ => SendAdverts(), null, options.Interval, options.Interval);
        _tick = environment.Clock.CreateTimer(_ => Post(LoopInput.Wake.Instance), null, options.LoopLookAfter, Timeout.InfiniteTimeSpan);
        _wake = environment.Clock.CreateTimer(_ => { _wakeAt = null; Post(LoopInput.Wake.Instance); }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Post(LoopInput.Wake.Instance);
        SendAdverts(); // the first adverts go out at once, as the engine's sender does
    }

    /// <inheritdoc />
    public void Receive(IPAddress source, byte[] datagram)
    {
        if (_receiver is null) return;
        // As the engine's loop: a datagram wakes it, and a pass follows even when the datagram is refused (a refusal
        // can change a verdict: a wall clock that stepped, another key).
        Post(_receiver.Accept(new ReceivedDatagram(datagram, source)) ?? (LoopInput)LoopInput.Wake.Instance);
    }

    /// <inheritdoc />
    public void RequestStop(bool releaseElasticIp) => Post(new LoopInput.Stop(releaseElasticIp));

    /// <inheritdoc />
    public void SetPriority(byte priority)
    {
        _priority = priority;
        Post(LoopInput.PriorityChanged.Instance);
    }

    /// <inheritdoc />
    public void SetHealthy(bool healthy)
    {
        var status = healthy ? HealthStatus.Healthy : HealthStatus.Unhealthy;
        var previous = healthy ? HealthStatus.Unhealthy : HealthStatus.Healthy;
        Post(new LoopInput.HealthChanged(new HealthTransition(_clock!.Now, previous, status, healthy ? "check passed" : "check failed")));
    }

    /// <inheritdoc />
    public void Kill()
    {
        _killed = true;
        _core?.Executor.Abort();
        Release();
    }

    /// <inheritdoc />
    public NodeObservation Observe()
    {
        if (_core is null) return new NodeObservation(NodeRole.Starting, null, null, _priority, "not started");
        var decisions = _core.Decisions;
        var role = Ended ? NodeRole.Stopped : decisions.Role;
        var now = _clock!.Now;
        var peers = string.Join(" ", _core.Membership.Peers.Select(p =>
            $"{p.Address}:{(p.IsAlive ? "up" : "down")}/{p.Priority?.ToString() ?? "-"}/{Holds(p.HoldsElasticIp)}"));
        var beliefs = $"role={role} holding={decisions.Holding} master={decisions.Verdict?.MasterAddress?.ToString() ?? "-"} "
            + $"advertised={_core.Advertised(_priority)} peers=[{peers}] now={now:HH:mm:ss.fff}";
        return new NodeObservation(role, _announced, decisions.Holding.SelfHolds, Ended ? WatchdogEngine.StoppingPriority : _core.Advertised(_priority), beliefs,
            _signer?.Keys.Current.Id);
    }

    private static string Holds(bool? holds) => holds switch { true => "holds", false => "not", null => "?" };

    // The engine's loop, on the world's thread: inputs that arrive while a batch is handled (an API call that
    // answers at once) wait for the next batch, as they wait in the engine's channel.
    private void Post(LoopInput input)
    {
        if (_killed || Ended) return;
        _inputs.Enqueue(input);
        if (_handling) return;
        _handling = true;
        try
        {
            while (_inputs.Count > 0 && !Ended && !_killed)
            {
                while (_inputs.Count > 0) _core!.Handle(_inputs.Dequeue());
                var step = _core!.Step(_priority);
                if (step.Announcement is { } change) _announced = change.Role;
                if (_core.Finished)
                {
                    End();
                    return;
                }
                if (step.SignWithNextKey) _signer?.SignWithNextKey();
                if (step.Plan is { } plan) _plan = plan;
                if (step.Timing != AdvertTiming.OnCadence)
                {
                    // As the engine's sender: a round now, the regular rounds counted from it (a quarter interval
                    // sooner for the first after a node became master).
                    SendAdverts();
                    var interval = _environment!.Options.Interval;
                    _rounds!.Change(step.Timing == AdvertTiming.NowAndSoonAgain ? interval / 4 : interval, interval);
                }
                ArmWake(step.WakeAt);
                _tick!.Change(_environment!.Options.LoopLookAfter, Timeout.InfiniteTimeSpan); // as the loop's
            }
        }
        finally
        {
            _handling = false;
        }
    }

    private void End()
    {
        Ended = true;
        _core!.Executor.Abort();
        _announced = _core.End().Role;
        Release();
    }

    // Its timers and its signer: a process that is gone does nothing more.
    private void Release()
    {
        _tick?.Dispose();
        _rounds?.Dispose();
        _wake?.Dispose();
        _signer?.Dispose();
    }

    private void SendAdverts()
    {
        if (_plan is not { } plan || _killed || Ended) return;
        var datagram = AdvertisementSigner.Datagram(_signer, plan.Advertisement);
        foreach (var peer in plan.Peers) _environment!.Socket.Send(peer, datagram);
    }

    private void ArmWake(DateTimeOffset? at)
    {
        if (at == _wakeAt) return;
        _wakeAt = at;
        var now = _clock!.Now;
        var due = at is { } next ? (next - now > TimeSpan.FromMilliseconds(1) ? next - now : TimeSpan.FromMilliseconds(1)) : Timeout.InfiniteTimeSpan;
        _wake!.Change(due, Timeout.InfiniteTimeSpan);
    }
}
