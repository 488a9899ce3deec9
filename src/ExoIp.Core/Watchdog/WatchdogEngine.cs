using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using ExoIp.Election;
using ExoIp.Exoscale;
using ExoIp.Peers;
using ExoIp.Protocol;
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
/// One loop owns every piece of mutable state. It reads a single-reader channel of inputs (datagrams, ticks,
/// API results, priority changes, stop, kill); the socket and the API calls run beside it and post their
/// results back, so the loop never waits for the API and adverts keep going out however slow it is (the
/// original held a lock across API calls, went silent, and was declared dead by its peers).
/// </para>
/// <para>
/// Decisions are reconciling, not event-driven: the loop keeps what it knows of who holds the Elastic IP
/// (from API answers; unknown after a role change or a reconciliation) and after every batch of inputs works
/// towards what its role wants, one call of each kind at a time, retrying failures with backoff.
/// </para>
/// <para>
/// Named WatchdogEngine rather than Watchdog so the type does not shadow its namespace.
/// </para>
/// </remarks>
public sealed partial class WatchdogEngine
{
    /// <summary>The priority a stopping node advertises, so any other node beats it.</summary>
    public const byte StoppingPriority = 255;

    // Inputs handled before re-evaluating: a datagram flood must not starve the decisions.
    private const int MaxBatch = 64;

    private static readonly TimeSpan LogWindow = TimeSpan.FromSeconds(10);

    private readonly WatchdogOptions _options;
    private readonly IExoscaleClient _api;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ElectionTiming _timing;
    private readonly string _self;
    private volatile HashSet<IPAddress> _peerAddresses = new();
    private readonly Channel<LoopInput> _inputs = Channel.CreateUnbounded<LoopInput>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<WatchdogEvent> _events;
    private readonly RateLimitedLog _rateLimitedLog = new(LogWindow);
    private readonly CancellationTokenSource _abortCalls = new();
    private readonly TaskCompletionSource<bool> _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IAdvertisementTransport? _transport;
    private WatchdogSnapshot _snapshot;
    private int _priority;
    private int _lifecycle; // 0 not started, 1 running, 2 ended without running
    private int _pendingWork;
    private volatile bool _killed;

    /// <summary>Creates a watchdog; <see cref="RunAsync"/> starts it.</summary>
    /// <param name="options">What to watch and how; validated here.</param>
    /// <param name="client">The Exoscale API of the Elastic IP's zone.</param>
    /// <param name="timeProvider">The clock (tests pass a fake one); the system clock by default.</param>
    /// <param name="logger">Where to log; nowhere by default.</param>
    /// <param name="transport">How to send and receive adverts; by default a UDP socket bound to <see cref="WatchdogOptions.Bind"/> when it runs. The watchdog disposes it.</param>
    /// <exception cref="ArgumentException">The options are invalid (the message names each bad option).</exception>
    public WatchdogEngine(
        WatchdogOptions options,
        IExoscaleClient client,
        TimeProvider? timeProvider = null,
        ILogger? logger = null,
        IAdvertisementTransport? transport = null)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        if (client is null) throw new ArgumentNullException(nameof(client));
        options.ThrowIfInvalid();
        _options = options;
        Name = options.EffectiveName;
        Counters = new WatchdogCounters();
        _api = new CountingExoscaleClient(client, Counters);
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _transport = transport;
        _timing = options.Timing;
        _self = options.InstanceId.ToString();
        _priority = options.Priority;
        _lastPriority = options.Priority;
        _peers = new PeerTable(_timing);
        foreach (var address in options.Peers ?? Array.Empty<IPAddress>()) _peers.Add(address);
        PublishPeerAddresses();
        _elasticIpSlot = NewSlot();
        _peerListSlot = NewSlot();
        _selfSlot = NewSlot();
        _peerSlot = NewSlot();
        _events = Channel.CreateBounded<WatchdogEvent>(
            new BoundedChannelOptions(options.EventCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleWriter = true },
            _ => Counters.EventDropped());
        _snapshot = BuildSnapshot(WatchdogStatus.NotStarted, DateTimeOffset.MinValue);
    }

    /// <summary>The watchdog's name (<see cref="WatchdogOptions.EffectiveName"/>).</summary>
    public string Name { get; }

    /// <summary>The options it runs with.</summary>
    public WatchdogOptions Options => _options;

    /// <summary>How often things happened; live, thread-safe.</summary>
    public WatchdogCounters Counters { get; }

    /// <summary>
    /// What happens, as it happens. Bounded (<see cref="WatchdogOptions.EventCapacity"/>): when nobody reads, the oldest are
    /// dropped and counted in <see cref="WatchdogCounters.EventsDropped"/>, never blocking the watchdog.
    /// Completes after the Stopped event.
    /// </summary>
    public ChannelReader<WatchdogEvent> Events => _events.Reader;

    /// <summary>Completes when the watchdog has stopped (or was killed).</summary>
    public Task Completion => _stopped.Task;

    /// <summary>The current priority (0–255, lower wins).</summary>
    public byte Priority => (byte)Volatile.Read(ref _priority);

    /// <summary>
    /// Runs the watchdog until it stops: <see cref="StopAsync"/>, <see cref="Kill"/>, or
    /// <paramref name="cancellationToken"/>, which asks for a graceful stop that releases the Elastic IP (like
    /// SIGTERM) and returns once that stop is done. Runs once per instance.
    /// </summary>
    /// <exception cref="InvalidOperationException">It already ran.</exception>
    /// <exception cref="System.Net.Sockets.SocketException">The bind address cannot be bound.</exception>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _lifecycle, 1, 0) != 0)
            throw new InvalidOperationException($"The watchdog '{Name}' has already run; create a new one.");
        ITimer? tick = null;
        Task? receiver = null;
        try
        {
            _transport ??= new UdpTransport(_options.Bind);
            _clock = new MonotonicClock(_time);
            _startedAt = _clock.Now;
            if (_options.PeerGroup is null) _listeningSince = _startedAt; // static peers are known from the start
            _nextPeerRefreshAt = _startedAt;
            _status = WatchdogStatus.Running;
            using var registration = cancellationToken.Register(() => StopAsync(releaseElasticIp: true));
            tick = _time.CreateTimer(_ => Post(LoopInput.Tick.Instance), null, _options.Interval, _options.Interval);
            _wakeTimer = _time.CreateTimer(_ => Post(LoopInput.Wake.Instance), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            receiver = ReceiveAsync(_transport);
            var peers = _options.PeerGroup is { } group
                ? $"peers from security group '{group}' (the hold-off starts once they are listed)"
                : $"{_peers.Peers.Count} peer(s)";
            Emit(WatchdogEventKind.Started, $"Watching {_options.ElasticIp} from {_options.Bind} as {_self}, priority {Priority}, {peers}.");
            _logger.LogInformation("[{Watchdog}] started on {Bind}, priority {Priority}", Name, _options.Bind, Priority);
            Post(LoopInput.Tick.Instance); // the first adverts go out at once
            await LoopAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogError(ex, "[{Watchdog}] failed", Name);
            Emit(WatchdogEventKind.Stopped, $"Failed: {ex.Message}", error: ex.Message, holds: _selfHolds);
            throw;
        }
        finally
        {
            tick?.Dispose();
            _wakeTimer?.Dispose();
            _abortCalls.Cancel();
            _transport?.Dispose();
            if (receiver is not null) await receiver.ConfigureAwait(false);
            EndInputs();
            _status = WatchdogStatus.Stopped;
            PublishSnapshot();
            _events.Writer.TryComplete();
            _stopped.TrySetResult(true);
            if (_finished) Interlocked.Decrement(ref _pendingWork);
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
        if (EndBeforeStart()) return _stopped.Task;
        Post(new LoopInput.Stop(releaseElasticIp));
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
        _abortCalls.Cancel();
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

    /// <summary>The state as the loop last published it; thread-safe, immutable.</summary>
    public WatchdogSnapshot GetSnapshot() => Volatile.Read(ref _snapshot);

    /// <summary>Inputs queued or being handled, plus API calls in flight: zero when the loop has nothing left to do (tests wait for this).</summary>
    internal int PendingWork => Volatile.Read(ref _pendingWork);

    private ApiSlot NewSlot() => new(_options.RetryDelay, _options.MaxRetryDelay);

    private void Post(LoopInput input)
    {
        Interlocked.Increment(ref _pendingWork);
        if (!_inputs.Writer.TryWrite(input)) Interlocked.Decrement(ref _pendingWork);
    }

    private bool EndBeforeStart()
    {
        if (Interlocked.CompareExchange(ref _lifecycle, 2, 0) != 0) return false;
        _status = WatchdogStatus.Stopped;
        PublishSnapshot();
        _events.Writer.TryComplete();
        _stopped.TrySetResult(true);
        return true;
    }

    private async Task LoopAsync()
    {
        var reader = _inputs.Reader;
        while (!_finished && await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var handled = 0;
            while (!_finished && handled < MaxBatch && reader.TryRead(out var input))
            {
                handled++;
                Handle(input);
            }
            if (!_finished) Evaluate();
            PublishSnapshot();
            Interlocked.Add(ref _pendingWork, -handled);
        }
    }

    private void EndInputs()
    {
        _inputs.Writer.TryComplete();
        while (_inputs.Reader.TryRead(out _)) Interlocked.Decrement(ref _pendingWork);
    }

    private void Handle(LoopInput input)
    {
        if (_killed)
        {
            Finish("killed: no API call made, the Elastic IP stays where it was");
            return;
        }
        switch (input)
        {
            case LoopInput.Datagram datagram:
                OnDatagram(datagram);
                break;
            case LoopInput.Tick:
                SendAdvertisements();
                break;
            case LoopInput.CallCompleted completed:
                OnCallCompleted(completed);
                break;
            case LoopInput.Stop stop:
                OnStop(stop.ReleaseElasticIp);
                break;
            case LoopInput.Wake:
                _wakeAt = null; // the one-shot timer is spent (even if it fired a hair early): arm it again
                break;
            case LoopInput.PriorityChanged or LoopInput.Kill:
                break; // the evaluation after the batch does the work
            default:
                throw new ArgumentOutOfRangeException(nameof(input), input, "Unknown loop input.");
        }
    }

    private async Task ReceiveAsync(IAdvertisementTransport transport)
    {
        while (true)
        {
            ReceivedDatagram? datagram;
            try
            {
                datagram = await transport.ReceiveAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                if (_finished || _killed) return;
                LogLimited("receive", LogLevel.Warning, ex, "receiving a datagram failed");
                // A socket that keeps failing must not spin a core.
                await _time.Delay(_options.Interval).ConfigureAwait(false);
                continue;
            }
            if (datagram is null) return;
            Counters.DatagramReceived();
            // Garbage, foreign adverts and strangers are dropped here, beside the loop: a flood of them must
            // not queue up in front of the loop's ticks, or this node's own adverts would be late and its
            // peers would declare it dead.
            if (Screen(datagram.Payload, datagram.Source) is { } reason)
            {
                Drop(reason, datagram.Source);
                continue;
            }
            Post(new LoopInput.Datagram(datagram, _clock!.Now));
        }
    }

    /// <summary>Why a datagram cannot be a peer's advert, judged without the loop's state; null when it may be.</summary>
    private DatagramDropReason? Screen(ReadOnlySpan<byte> payload, IPAddress source)
    {
        if (!Advertisement.TryDecode(payload, out var advert, out var rejection)) return DatagramDropReasons.From(rejection);
        if (!advert.Names(_options.ElasticIp!)) return DatagramDropReason.ForeignElasticIp;
        return _peerAddresses.Contains(source) ? null : DatagramDropReason.UnknownSource;
    }

    /// <summary>Publishes the peers' addresses for <see cref="Screen"/>; the loop calls it whenever the peer list changes.</summary>
    private void PublishPeerAddresses() => _peerAddresses = new HashSet<IPAddress>(_peers.Peers.Select(p => p.Address));

    private void Emit(
        WatchdogEventKind kind,
        string message,
        NodeRole? role = null,
        ElectionReason? reason = null,
        IPAddress? peer = null,
        string? instanceId = null,
        ApiActionKind? action = null,
        ApiActionOutcome? outcome = null,
        TimeSpan? duration = null,
        string? error = null,
        bool? holds = null)
    {
        _events.Writer.TryWrite(new WatchdogEvent
        {
            Timestamp = _clock?.Now ?? _time.GetUtcNow(),
            Watchdog = Name,
            Kind = kind,
            Message = message,
            Role = role,
            Reason = reason,
            PeerAddress = peer,
            InstanceId = instanceId,
            Action = action,
            Outcome = outcome,
            Duration = duration,
            Error = error,
            HoldsElasticIp = holds,
        });
    }

    private void LogLimited(string key, LogLevel level, Exception? exception, string what)
    {
        if (!_rateLimitedLog.TryAcquire(key, _clock?.Now ?? _time.GetUtcNow(), out var suppressed)) return;
        _logger.Log(level, exception, "[{Watchdog}] {What} ({Suppressed} more like it in the last {Window} s not logged)",
            Name, what, suppressed, LogWindow.TotalSeconds);
    }

    private void PublishSnapshot() =>
        Volatile.Write(ref _snapshot, BuildSnapshot(_status, _clock?.Now ?? DateTimeOffset.MinValue));

    private WatchdogSnapshot BuildSnapshot(WatchdogStatus status, DateTimeOffset now) => new()
    {
        Name = Name,
        ElasticIp = _options.ElasticIp!,
        ElasticIpId = _elasticIp?.Id,
        InstanceId = _options.InstanceId,
        Bind = _options.Bind,
        Status = status,
        Role = _role,
        Priority = Priority,
        AdvertisedPriority = AdvertisedPriority,
        HoldsElasticIp = _selfHolds,
        StartedAt = _clock is null ? null : _startedAt,
        LastTransitionAt = _lastTransitionAt,
        LastTransitionReason = _lastTransitionReason,
        Peers = _peers.Peers
            .Select(p => new PeerSnapshot(
                p.Address,
                p.InstanceId,
                p.Priority,
                _clock is not null && _timing.IsAlive(p.LastSeen, now),
                p.LastSeen,
                _verdict?.MasterAddress?.Equals(p.Address) == true,
                p.HoldsElasticIp))
            .OrderBy(p => p.Address.ToString(), StringComparer.Ordinal)
            .ToList(),
    };
}
