using System;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Telemetry;

namespace ExoIp.Watchdog;

/// <summary>
/// A <see cref="WatchdogEngine"/>'s loop, the one owner of its decisions' state, on a thread of its own (not the
/// pool's: a starved pool must not delay the decisions). Each pass: the inputs and datagrams waiting (a batch at
/// most: a flood must not starve the decisions), one decision pass, then sleep until the next input, datagram or due
/// time (a deadline, or its look at the time). It ends when the core has finished.
/// </summary>
internal sealed class WatchdogLoop
{
    // Inputs handled before re-evaluating: a datagram flood must not starve the decisions.
    private const int MaxBatch = 64;

    private readonly string _name;
    private readonly WatchdogCore _core;
    private readonly MonotonicClock _clock;
    private readonly LivePriority _priority;
    private readonly LoopInbox _inbox;
    private readonly AdvertTraffic _traffic;
    private readonly EngineLifecycleState _lifecycle;
    private readonly EngineHealth _health;
    private readonly EngineNotify _notify;
    private readonly WatchdogTelemetry _telemetry;
    private ILoopObserver? _observer;
    private int _handlingBatch; // 1 while a batch is handled: with the queue and the calls in flight, what idleness is made of

    public WatchdogLoop(string name, WatchdogCore core, MonotonicClock clock, LivePriority priority, LoopInbox inbox, AdvertTraffic traffic,
        EngineLifecycleState lifecycle, EngineHealth health, EngineNotify notify, WatchdogTelemetry telemetry)
    {
        _name = name;
        _core = core;
        _clock = clock;
        _priority = priority;
        _inbox = inbox;
        _traffic = traffic;
        _lifecycle = lifecycle;
        _health = health;
        _notify = notify;
        _telemetry = telemetry;
    }

    /// <summary>A batch is being handled.</summary>
    public bool HandlingBatch => Volatile.Read(ref _handlingBatch) == 1;

    /// <summary>Told after each batch handled, on the loop; set before <see cref="RunAsync"/>.</summary>
    public void Observe(ILoopObserver observer) => _observer = observer;

    /// <summary>Starts the loop's thread, sleeping in <paramref name="wait"/>; the task ends with the loop.</summary>
    public Task RunAsync(LoopWait wait)
    {
        var ended = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Run(wait);
                ended.TrySetResult(true);
            }
            catch (Exception ex)
            {
                ended.TrySetException(ex);
            }
        })
        { IsBackground = true, Name = $"ExoIp loop {_name}" };
        thread.Start();
        return ended.Task;
    }

    private void Run(LoopWait wait)
    {
        while (!_lifecycle.LoopEnded)
        {
            Volatile.Write(ref _handlingBatch, 1);
            var handled = 0;
            for (; !_lifecycle.LoopEnded && handled < MaxBatch && NextInput() is { } input; handled++) Handle(input);
            // The look at the time counts from the last pass, not on a cadence of its own: a node that hears its peers
            // passes at each of their adverts and is never woken only to look (a third of an idle loop's wake-ups with
            // two peers).
            var lookAt = _clock.Now + _core.Options.LoopLookAfter;
            var step = _core.Step(_priority.Value);
            var ended = CheckFinished();
            if (!ended) _traffic.Plan(step);
            if (step.Announcement is { } change && !_lifecycle.IsKilled) _notify.Announce(change);
            // Liveness, hold-off and stop deadlines are decided to the millisecond, not at the next tick: failover time counts.
            if (!ended) wait.Arm(step.WakeAt is { } at && at < lookAt ? at : lookAt, _clock.Now);
            _observer?.OnLoopPass(_telemetry.Snapshot);
            Volatile.Write(ref _handlingBatch, 0);
            if (!ended && handled < MaxBatch) wait.Wait();
        }
    }

    // A posted input first, else a datagram read from the socket (screened there: what may be a peer's advert).
    private LoopInput? NextInput()
    {
        if (_inbox.TryRead(out var input)) return input;
        if (_traffic.ReceiveOnLoop() is not { } advert) return null;
        _inbox.AdvertReadOnLoop();
        return advert;
    }

    private void Handle(LoopInput input)
    {
        if (_lifecycle.IsKilled) input = LoopInput.Kill.Instance; // nothing more is acted on
        _inbox.Handled(input);
        if (input is LoopInput.HealthChanged verdict && !_health.IsCurrent(verdict)) return; // a replaced monitor's last word
        if (input is LoopInput.Reconfigure { Change: var change }) Replace(change);
        _core.Handle(input);
        CheckFinished();
    }

    // The core finished (a stop done, a kill): the lifecycle moves on, and the loop ends with this pass.
    private bool CheckFinished()
    {
        if (!_core.Finished) return false;
        _lifecycle.Finish();
        return true;
    }

    // A reload's part that the shell owns: the priority, the health monitor and the notify runner. What they
    // replace stops beside the loop (a check or a hook under way ends within its timeout).
    private void Replace(Reconfiguration change)
    {
        if (change.Priority is { } priority) _priority.Set(priority);
        var options = change.AppliedTo(_core.Options);
        if (change.HealthChecks is { } checks) _health.Replace(checks, options.HealthCheck);
        if (change.NotifyHooks is { } hooks) _notify.Replace(hooks, options.NotifyTimeout, closeWithin: _core.Options.NotifyTimeout);
    }
}
