using System;
using System.Collections.Generic;
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

    private readonly TaskCompletionSource<bool> _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly EngineLifecycleState _lifecycle = new();
    private readonly LoopInbox _inbox = new();
    private readonly WatchdogTelemetry _telemetry;
    private readonly WatchdogCore _core;
    private readonly MonotonicClock _clock;
    private readonly LivePriority _priority;
    private readonly AdvertTraffic _traffic;
    private readonly EngineHealth _health;
    private readonly EngineNotify _notify;
    private readonly WatchdogLoop _loop;
    private string? _failure; // a run that failed: the Stopped hook's reason

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
        var time = timeProvider ?? TimeProvider.System;
        _priority = new LivePriority(options.Priority);
        var healthChecked = healthChecks is { Count: > 0 };
        _clock = new MonotonicClock(time);
        _telemetry = new WatchdogTelemetry(options, logger ?? NullLogger.Instance, () => _clock.Now, healthChecked);
        _health = new EngineHealth(healthChecks, options.HealthCheck, _inbox, time);
        var verification = new VerificationWatch();
        // Off the loop before the client runs anything, even its synchronous part.
        _core = new WatchdogCore(options, client, time, () => _clock.Now, _telemetry, verification, healthChecked,
            r => _inbox.Post(new LoopInput.CallCompleted(r)), call => Task.Run(call));
        _traffic = new AdvertTraffic(options, transport, time, _telemetry, verification, _lifecycle);
        _notify = new EngineNotify(notifyHooks, options.NotifyTimeout, _telemetry.Notified, time);
        _loop = new WatchdogLoop(Name, _core, _clock, _priority, _inbox, _traffic, _lifecycle, _health, _notify, _telemetry);
    }

    /// <summary>
    /// The longest a graceful stop takes: <see cref="WatchdogOptions.EffectiveStopTimeout"/>, plus, with notify
    /// hooks, one <see cref="WatchdogOptions.NotifyTimeout"/> and a grace for the Stopped hook.
    /// </summary>
    public TimeSpan StopBound => Options.EffectiveStopTimeout + _notify.EndBound(Options.NotifyTimeout);

    /// <summary>The watchdog's name (<see cref="WatchdogOptions.EffectiveName"/>).</summary>
    public string Name { get; }

    /// <summary>The options it runs with, as the last reload (<see cref="Reconfigure"/>) left them.</summary>
    public WatchdogOptions Options => _core.Options;

    /// <summary>How often things happened; live, thread-safe.</summary>
    public WatchdogCounters Counters => _telemetry.Counters;

    /// <summary>How often each health check outcome happened (over every reload); null without health checks. Live, thread-safe.</summary>
    public HealthCounters? HealthCounters => _health.Counters;

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
    public byte Priority => _priority.Value;

    /// <summary>The advert keys in use (the current one signs), or null for a watchdog without a key.</summary>
    public AuthKeyRing? AuthKeys => _traffic.Keys;

    /// <summary>
    /// Swaps the advert keys of a running keyed watchdog: the next advert is signed with the ring's current key,
    /// and adverts signed with any of its keys are accepted from the next datagram on (rotation, README).
    /// </summary>
    /// <exception cref="InvalidOperationException">The watchdog was started without a key.</exception>
    public void UseAuthKeys(AuthKeyRing keys)
    {
        if (keys is null) throw new ArgumentNullException(nameof(keys));
        if (!_traffic.TryUseKeys(keys))
            throw new InvalidOperationException($"The watchdog '{Name}' runs without a key; start it with one to use keys.");
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
        switch (_lifecycle.Start())
        {
            case EngineLifecycle.NotStarted: break;
            case EngineLifecycle.EndedWithoutRunning: return;
            default: throw new InvalidOperationException($"The watchdog '{Name}' has already run; create a new one.");
        }
        try
        {
            _traffic.Open(Options.Bind);
            _core.Start(Priority);
            var wait = _traffic.Listen(Options, _core.Membership, () => _clock.Now, _inbox);
            using var registration = cancellationToken.Register(() => StopAsync(releaseElasticIp: true));
            _traffic.NewSender(Options.Interval, Name);
            _traffic.Plan(_core.Step(Priority));
            _traffic.StartSending(); // the first adverts go out at once
            _health.Start();
            await _loop.RunAsync(wait).ConfigureAwait(false); // its first pass evaluates at once: a stall from the start on is measured from it
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
            await _traffic.CloseAsync().ConfigureAwait(false);
            await Task.WhenAll(_health.StopAsync(), _notify.ReplacedEnded()).ConfigureAwait(false);
            _inbox.Close();
            _core.Ended(Priority);
            await _notify.EndAsync(_lifecycle.IsKilled ? null : () => _core.End(_failure), Options.NotifyTimeout).ConfigureAwait(false);
            _telemetry.Complete();
            _stopped.TrySetResult(true);
        }
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
        if (_lifecycle.EndBeforeStart()) EndWithoutRunning();
        else _inbox.Post(new LoopInput.Stop(releaseElasticIp));
        return _stopped.Task;
    }

    /// <summary>
    /// Abandons the watchdog at once, as a crash would: the socket closes, pending API calls are cancelled, no
    /// new call is made. Peers see it fall silent and fail over.
    /// </summary>
    public void Kill()
    {
        if (_lifecycle.Kill() == EngineLifecycle.NotStarted)
        {
            EndWithoutRunning();
            return;
        }
        _core.Executor.Abort();
        _traffic.Silence();
        _inbox.Post(LoopInput.Kill.Instance);
    }

    /// <summary>Sets the priority (0–255, lower wins); the next advert carries it, and mastership may move (make-before-break).</summary>
    public void SetPriority(byte priority)
    {
        _priority.Set(priority);
        _inbox.Post(LoopInput.PriorityChanged.Instance);
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
        _inbox.Post(new LoopInput.Reconfigure(change));
    }

    /// <summary>
    /// Changes the priority by <paramref name="delta"/>, clamped to 0–255 (the whole range the wire format
    /// carries; the original stopped at 1, but 0 is a valid priority and its -P accepted it).
    /// SIGUSR1 is −1 (more important), SIGUSR2 +1.
    /// </summary>
    /// <returns>The new priority.</returns>
    public byte AdjustPriority(int delta)
    {
        var updated = _priority.Adjust(delta);
        _inbox.Post(LoopInput.PriorityChanged.Instance);
        return updated;
    }

    /// <summary>
    /// Has the loop tell <paramref name="observer"/> after each batch it handled, on the loop (systemd's notify and
    /// watchdog, README "Operate"). Call it before <see cref="RunAsync"/>.
    /// </summary>
    public void ObserveLoop(ILoopObserver observer) => _loop.Observe(observer ?? throw new ArgumentNullException(nameof(observer)));

    /// <summary>The state as the loop last published it; thread-safe, immutable.</summary>
    public WatchdogSnapshot GetSnapshot() => _telemetry.Snapshot;

    /// <summary>
    /// Inputs queued or being handled, API calls in flight, and a run that ended but has not completed: zero when
    /// the watchdog cannot move without its clock. Derived here, in one place, from the channel and the executor.
    /// </summary>
    internal int PendingWork =>
        _inbox.Count + (_loop.HandlingBatch ? 1 : 0) + _core.Executor.InFlight + (_lifecycle.LoopEnded && !_stopped.Task.IsCompleted ? 1 : 0)
        + (_traffic.SendPending ? 1 : 0);

    // Stopped or killed before it ran: the run's end, with nothing to tell.
    private void EndWithoutRunning()
    {
        _traffic.CloseUnused(); // given to the watchdog, which owns it from then on
        _core.Ended(Priority);
        _ = _notify.EndAsync(stopped: null, Options.NotifyTimeout); // it never ran: nothing to tell, the runner ends
        _telemetry.Complete();
        _stopped.TrySetResult(true);
    }
}
