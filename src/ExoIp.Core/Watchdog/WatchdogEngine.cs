using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using ExoIp.Authentication;
using ExoIp.Election;
using ExoIp.Execution;
using ExoIp.Exoscale;
using ExoIp.Health;
using ExoIp.Notify;
using ExoIp.Peers;
using ExoIp.Protocol;
using ExoIp.Telemetry;
using ExoIp.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExoIp.Watchdog;

/// <summary>
/// One node's watchdog for one Elastic IP: advertises to its peers every interval, tracks which are alive,
/// elects a master and attaches or detaches the Elastic IP through the API accordingly.
/// </summary>
/// <remarks>
/// <para>
/// One loop owns every piece of mutable state. It runs on a thread of its own that sleeps in one wait
/// (<see cref="LoopWait"/>: on a real socket, one kernel wait for both the socket and the next due time) and,
/// each time it wakes, reads its inputs (adverts, API results, priority changes, stop, kill) and makes one
/// decision pass: membership
/// (<see cref="Membership"/>), the election (<see cref="Elector"/>), then the pure policies, which turn the
/// holding state (<see cref="HoldingState"/>) into a new one and API commands. The socket's receiver and the
/// API calls (<see cref="ApiExecutor"/>) run beside the loop and post their results back as data, so the loop
/// never waits for the API and adverts keep going out however slow it is (the original held a lock across API
/// calls, went silent, and was declared dead by its peers). Everything people see goes through
/// <see cref="WatchdogTelemetry"/>.
/// </para>
/// <para>Named WatchdogEngine rather than Watchdog so the type does not shadow its namespace.</para>
/// </remarks>
public sealed class WatchdogEngine
{
    /// <summary>The priority a stopping node advertises, so any other node beats it.</summary>
    public const byte StoppingPriority = 255;

    // Inputs handled before re-evaluating: a datagram flood must not starve the decisions.
    private const int MaxBatch = 64;

    private readonly TimeProvider _time;
    // Not SingleReader: only the multi-reader channel can count its items, and idleness is derived from that count.
    private readonly Channel<LoopInput> _inputs = Channel.CreateUnbounded<LoopInput>();
    private readonly TaskCompletionSource<bool> _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly WatchdogTelemetry _telemetry;
    private readonly WatchdogCore _core;
    private readonly MonotonicClock _clock;
    // Adverts waiting for the loop, at most: a burst beyond is shed and counted (the loop stays within a few ms
    // of its inputs, and its ticks never wait behind an unbounded queue).
    private const int MaxQueuedAdverts = 1024;

    private readonly AdvertisementSigner? _signer;
    private readonly AdvertisementReader _reader;
    private readonly VerificationWatch _verification = new();
    private AdvertisementSender? _sender;
    private int _queuedAdverts;
    private IAdvertisementTransport? _transport;
    private LoopWait? _wait;
    private DatagramReceiver? _receiver;
    private DateTimeOffset? _wakeAt;
    private DateTimeOffset _nextTick;
    private int _priority;
    private int _lifecycle; // an EngineLifecycle, an int for Interlocked
    private int _handling; // 1 while the loop handles a batch: with the queue and the calls in flight, what idleness is made of
    private volatile bool _killed;
    private volatile bool _finished; // read by the receiver and the sender too
    // Replaced on the loop by a reload; what they replaced ends beside it, and the run's end waits for that.
    private RunningHealthMonitor? _health;
    private HealthCounters? _healthCounters;
    private NotifyRunner? _notify;
    private IReadOnlyList<INotifyHook> _notifyHooks;
    private readonly List<Task> _replaced = new();
    private string? _failure; // a run that failed: the Stopped hook's reason
    private ILoopObserver? _loopObserver;

    /// <summary>Creates a watchdog; <see cref="RunAsync"/> starts it.</summary>
    /// <param name="options">What to watch and how; validated here.</param>
    /// <param name="client">The Exoscale API of the Elastic IP's zone.</param>
    /// <param name="timeProvider">The clock (tests pass a fake one); the system clock by default.</param>
    /// <param name="logger">Where to log; nowhere by default.</param>
    /// <param name="healthChecks">The service checks (<see cref="WatchdogOptions.HealthCheck"/> says how they run); none by default. Unhealthy, the node is in the Fault role. The watchdog owns them.</param>
    /// <param name="transport">How to send and receive adverts; by default a UDP socket bound to <see cref="WatchdogOptions.Bind"/> when it runs. The watchdog disposes it.</param>
    /// <param name="notifyHooks">Run, in this order, on every role change (<see cref="RoleAnnouncer"/> says which), each bounded by <see cref="WatchdogOptions.NotifyTimeout"/>, beside the loop; none by default. The watchdog owns them.</param>
    /// <exception cref="ArgumentException">The options are invalid (the message names each bad option).</exception>
    public WatchdogEngine(WatchdogOptions options, IExoscaleClient client, TimeProvider? timeProvider = null, ILogger? logger = null,
        IAdvertisementTransport? transport = null, IReadOnlyList<IHealthCheck>? healthChecks = null, IReadOnlyList<INotifyHook>? notifyHooks = null)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        if (client is null) throw new ArgumentNullException(nameof(client));
        options.ThrowIfInvalid();
        Name = options.EffectiveName;
        _time = timeProvider ?? TimeProvider.System;
        _transport = transport;
        _priority = options.Priority;
        var healthChecked = healthChecks is { Count: > 0 };
        _clock = new MonotonicClock(_time);
        _telemetry = new WatchdogTelemetry(options, logger ?? NullLogger.Instance, () => _clock.Now, healthChecked);
        if (healthChecked) _health = NewHealthMonitor(healthChecks!, options.HealthCheck);
        // Off the loop before the client runs anything, even its synchronous part.
        _core = new WatchdogCore(options, client, _time, () => _clock.Now, _telemetry, _verification, healthChecked,
            r => Post(new LoopInput.CallCompleted(r)), call => Task.Run(call));
        if (options.AuthKeys is { } keys)
        {
            _signer = new AdvertisementSigner(keys, _time);
            _reader = new AdvertisementReader(new AdvertisementVerifier(keys, _time, AdvertisementVerifier.WindowFor(options.Interval, options.DeadRatio)));
        }
        else
        {
            _reader = new AdvertisementReader(null);
        }
        _notifyHooks = notifyHooks?.ToArray() ?? Array.Empty<INotifyHook>();
        if (_notifyHooks.Count > 0) _notify = new NotifyRunner(_notifyHooks, options.NotifyTimeout, _telemetry.Notified, _time);
    }

    private RunningHealthMonitor NewHealthMonitor(IReadOnlyList<IHealthCheck> checks, HealthCheckOptions options)
    {
        HealthMonitor? monitor = null;
        // Tagged with its monitor: once a reload has replaced it, a verdict it had already posted is not applied.
        monitor = new HealthMonitor(checks, options, t => Post(new LoopInput.HealthChanged(t) { From = monitor }), _time, _healthCounters ??= new HealthCounters());
        return new RunningHealthMonitor(monitor);
    }

    /// <summary>
    /// The longest a graceful stop takes: <see cref="WatchdogOptions.EffectiveStopTimeout"/>, plus, with notify
    /// hooks, one <see cref="WatchdogOptions.NotifyTimeout"/> and a grace for the Stopped hook.
    /// </summary>
    public TimeSpan StopBound => Options.EffectiveStopTimeout + (_notify is null ? TimeSpan.Zero : FinalNotifyWait + NotifyRunner.CancelGrace);

    // How long the end waits for the Stopped hook (and any still queued before it) before stopping them.
    private TimeSpan FinalNotifyWait => Options.NotifyTimeout + TimeSpan.FromSeconds(1);

    /// <summary>The watchdog's name (<see cref="WatchdogOptions.EffectiveName"/>).</summary>
    public string Name { get; }

    /// <summary>The options it runs with, as the last reload (<see cref="Reconfigure"/>) left them.</summary>
    public WatchdogOptions Options => _core.Options;

    /// <summary>How often things happened; live, thread-safe.</summary>
    public WatchdogCounters Counters => _telemetry.Counters;

    /// <summary>How often each health check outcome happened (over every reload); null without health checks. Live, thread-safe.</summary>
    public HealthCounters? HealthCounters => _health is null ? null : _healthCounters;

    /// <summary>
    /// What happens, as it happens: changes, failures and repairs (a routine reconciliation that finds nothing to
    /// repair is not an event). Bounded (<see cref="WatchdogOptions.EventCapacity"/>): when nobody reads, the
    /// oldest are dropped and counted in <see cref="WatchdogCounters.EventsDropped"/>, never blocking the
    /// watchdog. Completes after the Stopped event.
    /// </summary>
    public ChannelReader<WatchdogEvent> Events => _telemetry.Events;

    /// <summary>Completes when the watchdog has stopped (or was killed).</summary>
    public Task Completion => _stopped.Task;

    /// <summary>The current priority (0–255, lower wins).</summary>
    public byte Priority => (byte)Volatile.Read(ref _priority);

    /// <summary>The advert keys in use (the current one signs), or null for a watchdog without a key.</summary>
    public AuthKeyRing? AuthKeys => _signer?.Keys;

    /// <summary>
    /// Swaps the advert keys of a running keyed watchdog: the next advert is signed with the ring's current key,
    /// and adverts signed with any of its keys are accepted from the next datagram on (rotation, README).
    /// </summary>
    /// <exception cref="InvalidOperationException">The watchdog was started without a key.</exception>
    public void UseAuthKeys(AuthKeyRing keys)
    {
        if (keys is null) throw new ArgumentNullException(nameof(keys));
        if (_signer is null || _reader.Verifier is null)
            throw new InvalidOperationException($"The watchdog '{Name}' runs without a key; start it with one to use keys.");
        _reader.Verifier.UseKeys(keys);
        _signer.UseKeys(keys);
        _verification.KeysChanged();
        _telemetry.KeysChanged(keys);
    }

    /// <summary>
    /// Runs the watchdog until it stops: <see cref="StopAsync"/>, <see cref="Kill"/>, or
    /// <paramref name="cancellationToken"/>, which asks for a graceful stop that releases the Elastic IP (like
    /// SIGTERM) and returns once that stop is done. Runs once per instance.
    /// </summary>
    /// <remarks>
    /// A stop or kill that came before the run ended the watchdog without running it; the run then returns at once
    /// (a host that hands a stop on while the run is being started must not see it fail).
    /// </remarks>
    /// <exception cref="InvalidOperationException">It already ran.</exception>
    /// <exception cref="System.Net.Sockets.SocketException">The bind address cannot be bound.</exception>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        switch ((EngineLifecycle)Interlocked.CompareExchange(ref _lifecycle, (int)EngineLifecycle.Running, (int)EngineLifecycle.NotStarted))
        {
            case EngineLifecycle.EndedWithoutRunning: return;
            case EngineLifecycle.Running: throw new InvalidOperationException($"The watchdog '{Name}' has already run; create a new one.");
        }
        Task? receiving = null;
        try
        {
            _transport ??= new UdpTransport(Options.Bind);
            _core.Start(Priority);
            _receiver = new DatagramReceiver(Options, _core.Membership, _telemetry, _time, () => _clock.Now, TryPostAdvert, Ended, _reader, _verification);
            // A real socket on the real clock: the loop waits on the socket itself and reads it. Anything else (a
            // simulated clock, another transport): a receiver posts the datagrams and the clock's timer wakes the loop.
            _wait = _transport is UdpTransport udp && ReferenceEquals(_time, TimeProvider.System) ? SocketLoopWait.TryCreate(udp, _time) : null;
            if (_wait is null)
            {
                _wait = new ClockLoopWait(_time, () => Post(LoopInput.Wake.Instance));
                receiving = _receiver.RunAsync(_transport);
            }
            using var registration = cancellationToken.Register(() => StopAsync(releaseElasticIp: true));
            // Adverts go out from a thread of their own, so neither a flood of datagrams queued for the loop nor a
            // starved thread pool (where timers fire and the loop runs) can delay this node's sign of life.
            _sender = new AdvertisementSender(_transport, Options.Interval, _time, _signer, OnSent, $"ExoIp adverts {Name}");
            PlanAdverts(_core.Step(Priority));
            _sender.Start(); // the first adverts go out at once
            _health?.Start();
            await RunLoopThread().ConfigureAwait(false); // its first pass evaluates at once: a stall from the start on is measured from it
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _failure = "failed: " + ex.Message;
            _telemetry.Failed(ex, _core.Decisions.Holding.SelfHolds);
            throw;
        }
        finally
        {
            _core.Executor.Abort();
            _sender?.Dispose();
            _transport?.Dispose();
            if (receiving is not null) await receiving.ConfigureAwait(false);
            _wait?.Dispose();
            _reader.Dispose();
            _signer?.Dispose();
            if (_health is { } health) _replaced.Add(health.StopAsync());
            await Task.WhenAll(_replaced).ConfigureAwait(false);
            _inputs.Writer.TryComplete();
            while (_inputs.Reader.TryRead(out _)) { }
            _core.Ended(Priority);
            await EndNotifyAsync(announce: !_killed).ConfigureAwait(false);
            _telemetry.Complete();
            _stopped.TrySetResult(true);
        }
    }

    // After the releasing stop is done: the Stopped hook, waited for at most one notify timeout (and a grace).
    // Without announce (a killed watchdog tells no hook, as a crash would not), the run under way is stopped.
    private async Task EndNotifyAsync(bool announce)
    {
        if (_notify is null) return;
        if (announce) _notify.Enqueue(_core.End(_failure));
        await CloseNotifyAsync(_notify, _notifyHooks, announce ? FinalNotifyWait : TimeSpan.Zero).ConfigureAwait(false);
    }

    private static async Task CloseNotifyAsync(NotifyRunner runner, IReadOnlyList<INotifyHook> hooks, TimeSpan wait)
    {
        await runner.CompleteAsync(wait).ConfigureAwait(false);
        foreach (var hook in hooks.OfType<IDisposable>()) hook.Dispose();
    }

    /// <summary>
    /// Stops the watchdog. With <paramref name="releaseElasticIp"/> (the default), a master first hands the
    /// Elastic IP over make-before-break: it advertises priority 255 so the best backup takes over, waits
    /// (bounded by <see cref="WatchdogOptions.StopTimeout"/>) until the API shows that peer holding it, then
    /// detaches itself; with no live peer it detaches at once. A node stopped during its start-up hold-off does
    /// the same if the API shows it holding the Elastic IP (a restarted master), handing over as soon as it hears
    /// a live peer, or detaching when the hold-off ends with none. Without <paramref name="releaseElasticIp"/>, it
    /// keeps the Elastic IP (a planned restart) and makes no API call. Either way it completes within the stop
    /// timeout, whatever the API does.
    /// </summary>
    /// <returns>A task that completes when the watchdog has stopped (the same as <see cref="Completion"/>).</returns>
    public Task StopAsync(bool releaseElasticIp = true)
    {
        if (!EndBeforeStart()) Post(new LoopInput.Stop(releaseElasticIp));
        return _stopped.Task;
    }

    /// <summary>
    /// Abandons the watchdog at once, as a crash would: the socket closes, pending API calls are cancelled, no
    /// new call is made. Peers see it fall silent and fail over.
    /// </summary>
    public void Kill()
    {
        _killed = true;
        if (EndBeforeStart()) return;
        _core.Executor.Abort();
        _sender?.Stop();
        _transport?.Dispose();
        Post(LoopInput.Kill.Instance);
    }

    /// <summary>Sets the priority (0–255, lower wins); the next advert carries it, and mastership may move (make-before-break).</summary>
    public void SetPriority(byte priority)
    {
        Interlocked.Exchange(ref _priority, priority);
        Post(LoopInput.PriorityChanged.Instance);
    }

    /// <summary>
    /// Applies a reload between two decision passes, all at once (README "Operate"): the peer source (peers that
    /// remain keep what was heard of them, new ones start unheard, removed ones are forgotten), the preemption rule
    /// (from the next election on), the health checks and the notify hooks when given, and the priority. The
    /// Elastic IP stays where it is; only the decisions that follow may move it, as they would have at a start.
    /// </summary>
    /// <exception cref="ArgumentException">The options it would run with are invalid (the message names each); nothing changes.</exception>
    public void Reconfigure(Reconfiguration change)
    {
        if (change is null) throw new ArgumentNullException(nameof(change));
        change.AppliedTo(Options); // checked here, so the loop never meets an invalid one
        Post(new LoopInput.Reconfigure(change));
    }

    /// <summary>
    /// Changes the priority by <paramref name="delta"/>, clamped to 0–255 (the whole range the wire format
    /// carries; the original stopped at 1, but 0 is a valid priority and its -P accepted it).
    /// SIGUSR1 is −1 (more important), SIGUSR2 +1.
    /// </summary>
    /// <returns>The new priority.</returns>
    public byte AdjustPriority(int delta)
    {
        int current, updated;
        do
        {
            current = Volatile.Read(ref _priority);
            updated = (int)Math.Max(0, Math.Min(255, (long)current + delta));
        }
        while (Interlocked.CompareExchange(ref _priority, updated, current) != current);
        Post(LoopInput.PriorityChanged.Instance);
        return (byte)updated;
    }

    /// <summary>
    /// Has the loop tell <paramref name="observer"/> after each batch it handled, on the loop (systemd's notify and
    /// watchdog, README "Operate"). Call it before <see cref="RunAsync"/>.
    /// </summary>
    public void ObserveLoop(ILoopObserver observer) => _loopObserver = observer ?? throw new ArgumentNullException(nameof(observer));

    /// <summary>The state as the loop last published it; thread-safe, immutable.</summary>
    public WatchdogSnapshot GetSnapshot() => _telemetry.Snapshot;

    /// <summary>
    /// Inputs queued or being handled, API calls in flight, and a run that ended but has not completed: zero when
    /// the watchdog cannot move without its clock. Derived here, in one place, from the channel and the executor.
    /// </summary>
    internal int PendingWork =>
        _inputs.Reader.Count + Volatile.Read(ref _handling) + _core.Executor.InFlight + (_finished && !_stopped.Task.IsCompleted ? 1 : 0)
        + (_sender?.RoundPending == true ? 1 : 0);

    private bool Ended() => _finished || _killed;

    private void Post(LoopInput input)
    {
        _inputs.Writer.TryWrite(input);
        _wait?.Signal();
    }

    private bool TryPostAdvert(LoopInput.Advert advert)
    {
        if (Interlocked.Increment(ref _queuedAdverts) > MaxQueuedAdverts)
        {
            Interlocked.Decrement(ref _queuedAdverts);
            return false;
        }
        Post(advert);
        return true;
    }

    // On the sender's thread, after each send.
    private void OnSent(IPAddress peer, Exception? error)
    {
        if (error is null) Counters.AdvertisementSent();
        else if (!Ended()) _telemetry.SendFailed(peer, error);
    }

    // Tells the sender what to advertise when it changed, and to send at once when the core says so (a new priority,
    // the stop's 255, this node becoming master).
    private void PlanAdverts(CoreStep step)
    {
        if (step.SignWithNextKey) _signer?.SignWithNextKey();
        if (step.Plan is { } plan) _sender!.Publish(plan);
        if (step.Timing != AdvertTiming.OnCadence) _sender!.SendNow(again: step.Timing == AdvertTiming.NowAndSoonAgain);
    }

    private bool EndBeforeStart()
    {
        if (Interlocked.CompareExchange(ref _lifecycle, (int)EngineLifecycle.EndedWithoutRunning, (int)EngineLifecycle.NotStarted) != (int)EngineLifecycle.NotStarted) return false;
        _transport?.Dispose(); // given to the watchdog, which owns it from then on
        _core.Ended(Priority);
        _ = EndNotifyAsync(announce: false); // it never ran: nothing to tell, the runner ends
        _telemetry.Complete();
        _stopped.TrySetResult(true);
        return true;
    }

    // The loop on a thread of its own (not the pool's: a starved pool must not delay the decisions); the task ends with it.
    private Task RunLoopThread()
    {
        var ended = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Loop();
                ended.TrySetResult(true);
            }
            catch (Exception ex)
            {
                ended.TrySetException(ex);
            }
        })
        { IsBackground = true, Name = $"ExoIp loop {Name}" };
        thread.Start();
        return ended.Task;
    }

    // Each pass: the inputs and datagrams waiting (a batch at most: a flood must not starve the decisions), one
    // decision pass, then sleep until the next input, datagram or due time (a deadline, or the interval's look at
    // the time).
    private void Loop()
    {
        var reader = _inputs.Reader;
        var wait = _wait!;
        _nextTick = _clock!.Now + Options.Interval;
        while (!_finished)
        {
            Volatile.Write(ref _handling, 1);
            var handled = 0;
            for (; !_finished && handled < MaxBatch && NextInput(reader, wait) is { } input; handled++) Handle(input);
            var now = _clock.Now;
            if (now >= _nextTick) _nextTick = now + Options.Interval; // rounds missed (a frozen process) are not made up
            var step = _core.Step(Priority);
            _finished = _core.Finished;
            if (!_finished)
            {
                PlanAdverts(step);
                // Liveness, hold-off and stop deadlines are decided to the millisecond, not at the next tick: failover time counts.
                _wakeAt = step.WakeAt;
            }
            if (step.Announcement is { } change && !_killed) _notify?.Enqueue(change);
            if (!_finished) wait.Arm(_wakeAt is { } at && at < _nextTick ? at : _nextTick, _clock.Now);
            _loopObserver?.OnLoopPass(_telemetry.Snapshot);
            Volatile.Write(ref _handling, 0);
            if (!_finished && handled < MaxBatch) wait.Wait();
        }
    }

    // A posted input first, else a datagram read from the socket (screened here: what may be a peer's advert).
    private LoopInput? NextInput(ChannelReader<LoopInput> reader, LoopWait wait)
    {
        if (reader.TryRead(out var input)) return input;
        while (ReceiveOnLoop(wait, out var datagram))
        {
            if (_receiver!.Accept(datagram!) is { } advert)
            {
                Interlocked.Increment(ref _queuedAdverts); // Handle counts it out, as for a posted one
                return advert;
            }
        }
        return null;
    }

    private bool ReceiveOnLoop(LoopWait wait, out ReceivedDatagram? datagram)
    {
        try
        {
            return wait.TryReceive(out datagram);
        }
        catch (Exception ex) when (ex is not ObjectDisposedException)
        {
            datagram = null;
            if (!Ended()) _telemetry.ReceiveFailed(ex);
            return false;
        }
    }

    private void Handle(LoopInput input)
    {
        if (_killed) input = LoopInput.Kill.Instance; // nothing more is acted on
        if (input is LoopInput.Advert) Interlocked.Decrement(ref _queuedAdverts);
        if (input is LoopInput.HealthChanged { From: { } from } && from != _health?.Monitor) return; // a replaced monitor's last word
        if (input is LoopInput.Reconfigure { Change: var change }) Replace(change);
        _core.Handle(input);
        _finished = _core.Finished;
    }

    // A reload's part that the shell owns: the priority, the health monitor and the notify runner. What they
    // replace stops beside the loop (a check or a hook under way ends within its timeout).
    private void Replace(Reconfiguration change)
    {
        if (change.Priority is { } priority) Interlocked.Exchange(ref _priority, priority);
        var options = change.AppliedTo(Options);
        if (change.HealthChecks is { } checks)
        {
            if (_health is { } running) _replaced.Add(running.StopAsync());
            _health = checks.Count == 0 ? null : NewHealthMonitor(checks, options.HealthCheck);
            _health?.Start();
        }
        if (change.NotifyHooks is { } hooks)
        {
            if (_notify is { } runner) _replaced.Add(CloseNotifyAsync(runner, _notifyHooks, Options.NotifyTimeout));
            _notifyHooks = hooks.ToArray();
            _notify = hooks.Count == 0 ? null : new NotifyRunner(_notifyHooks, options.NotifyTimeout, _telemetry.Notified, _time);
        }
    }
}
