using System;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Exoscale;
using ExoIp.Watchdog;

namespace ExoIp.Execution;

/// <summary>
/// Runs the policies' API commands beside the loop: one call per slot at a time, each bounded by the API
/// timeout, all cancelled by <see cref="Abort"/>, a failed kind tried again after a doubling delay (the
/// watchdog's own backoff, over the client's Polly retries of each request). Results come back as
/// <see cref="ApiCallResult"/> data through the loop's input channel; nothing here touches decision state.
/// </summary>
internal sealed class ApiExecutor
{
    private readonly IExoscaleClient _api;
    private WatchdogOptions _options; // a reload may change the peer source; a call started runs with the options of its start
    private readonly TimeProvider _time;
    private readonly WatchdogCounters _counters;
    private readonly Action<ApiCallResult> _completed;
    private readonly Action<Func<Task>> _beside;
    private readonly ApiSlot[] _slots;
    private readonly CancellationTokenSource _abort = new();
    private CancellationTokenSource _beliefs = new(); // cancelled when the epoch moves: changes not yet asked for are abandoned
    private readonly string _self;
    private int _inFlight;

    /// <param name="beside">Runs a call beside the loop: the engine hands it to the thread pool, so that not even the
    /// client's synchronous part delays the loop; a simulation on one thread runs it in place.</param>
    public ApiExecutor(IExoscaleClient api, WatchdogOptions options, TimeProvider time, WatchdogCounters counters, Action<ApiCallResult> completed,
        Action<Func<Task>> beside)
    {
        _beside = beside;
        _api = api;
        _options = options;
        _time = time;
        _counters = counters;
        _completed = completed;
        _self = options.InstanceId.ToString();
        _slots = new ApiSlot[SlotCount];
        for (var i = 0; i < _slots.Length; i++) _slots[i] = new ApiSlot(options.RetryDelay, options.MaxRetryDelay);
    }

    // Enum.GetValues(Type) is not AOT-safe, and the generic overload is not in netstandard2.0.
    private static readonly int SlotCount = Enum.GetNames(typeof(ApiSlotKind)).Length;

    /// <summary>Calls started and not yet handed back to the loop.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>
    /// The beliefs' generation: calls started under an older one were started on beliefs since dropped (a role
    /// change, a stall in which this node may have been declared dead). Their answers no longer tell what to do.
    /// </summary>
    public int Epoch { get; private set; }

    /// <summary>
    /// Drops the beliefs the calls in flight were started on: what the reads among them answer is stale
    /// (<see cref="IsStale"/>), and a change not asked for yet (its check still under way) is abandoned before its
    /// PUT. A change whose PUT left is waited for: it may apply whatever the caller does, and only its answer tells
    /// whether it did.
    /// </summary>
    public void NewEpoch()
    {
        Epoch++;
        var dropped = _beliefs;
        _beliefs = new CancellationTokenSource();
        dropped.Cancel();
        dropped.Dispose();
    }

    /// <summary>True when <paramref name="result"/> is an action's answer from an older <see cref="Epoch"/>.</summary>
    public bool IsStale(ApiCallResult result) => result.Epoch != Epoch && IsAction(result.Command.Slot);

    /// <summary>The Elastic IP's id once resolved; the actions need it.</summary>
    public string? ElasticIpId { get; set; }

    /// <summary>Starts <paramref name="command"/> unless its slot is busy or backing off (or the executor was aborted).</summary>
    /// <returns>True when it started.</returns>
    public bool TryStart(ApiCommand command, DateTimeOffset now)
    {
        var slot = _slots[(int)command.Slot];
        if (_abort.IsCancellationRequested || !slot.IsReady(now)) return false;
        slot.Running = command;
        if (slot.Failures > 0) _counters.ApiRetry();
        Interlocked.Increment(ref _inFlight);
        var instance = command.Target?.InstanceId?.ToString() ?? (command.Slot == ApiSlotKind.Self ? _self : null);
        var options = _options;
        var description = command.Describe(options);
        var epoch = Epoch;
        var beliefs = _beliefs.Token;
        _beside(() => RunAsync(command, description, instance, epoch, options, beliefs));
        return true;
    }

    /// <summary>When the first slot backing off after a failure may try again; null when none is.</summary>
    public DateTimeOffset? NextRetryAt
    {
        get
        {
            DateTimeOffset? next = null;
            foreach (var slot in _slots)
                if (!slot.InFlight && slot.Failures > 0 && (next is null || slot.NextAttemptAt < next)) next = slot.NextAttemptAt;
            return next;
        }
    }

    /// <summary>True while a call of <paramref name="slot"/> runs.</summary>
    public bool IsBusy(ApiSlotKind slot) => _slots[(int)slot].InFlight;

    /// <summary>The call of <paramref name="slot"/> that runs; null when none does.</summary>
    public ApiCommand? Running(ApiSlotKind slot) => _slots[(int)slot].Running;

    /// <summary>A reload changed the options (the peer source): the calls started from now on use these.</summary>
    public void Reconfigure(WatchdogOptions options) => _options = options;

    /// <summary>The loop got <paramref name="result"/>: frees its slot; after a failure, the delay before the next try.</summary>
    public (int Failures, TimeSpan RetryIn) Complete(ApiCallResult result, DateTimeOffset now)
    {
        var slot = _slots[(int)result.Command.Slot];
        slot.Running = null;
        if (result.Abandoned) return (slot.Failures, TimeSpan.Zero); // nothing was tried: no failure, no wait
        if (result.Succeeded)
        {
            slot.Succeeded();
            return (0, TimeSpan.Zero);
        }
        var retryIn = slot.Failed(now);
        return (slot.Failures, retryIn);
    }

    /// <summary>Forgets the backoff of this node's and the peers' actions: new goals (a new role) should not wait out an old failure.</summary>
    public void ResetActionBackoff()
    {
        _slots[(int)ApiSlotKind.Self].Reset();
        _slots[(int)ApiSlotKind.Peer].Reset();
    }

    /// <summary>
    /// A failed call of <paramref name="slot"/> is tried again <paramref name="within"/> after its failure at the latest: what it
    /// would tell is owed as soon as the API answers again.
    /// </summary>
    public void RetryWithin(ApiSlotKind slot, TimeSpan within) => _slots[(int)slot].RetryWithin(within);

    /// <summary>Cancels every call in flight and starts no more.</summary>
    public void Abort() => _abort.Cancel();

    private static bool IsAction(ApiSlotKind slot) => slot is ApiSlotKind.Self or ApiSlotKind.Peer or ApiSlotKind.Holders;

    private async Task RunAsync(ApiCommand command, string description, string? instance, int epoch, WatchdogOptions options, CancellationToken beliefs)
    {
        var started = _time.GetTimestamp();
        var unanswered = new ApiCallResult(command, description, instance, TimeSpan.Zero, null) { Epoch = epoch };
        ApiCallResult result;
        using (var timeout = _time.CreateCancellationTokenSource(options.ApiTimeout))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _abort.Token))
        {
            try
            {
                var answered = await command.AnswerAsync(new ApiCall(_api, options, ElasticIpId, instance, linked.Token, beliefs), unanswered).ConfigureAwait(false);
                result = answered with { Duration = _time.GetElapsedTime(started) };
            }
            catch (OperationCanceledException) when (beliefs.IsCancellationRequested && !linked.IsCancellationRequested)
            {
                result = unanswered with
                {
                    Duration = _time.GetElapsedTime(started),
                    Error = "abandoned before its change: the belief it was decided on was dropped",
                    Abandoned = true,
                };
            }
            catch (Exception ex)
            {
                var timedOut = timeout.IsCancellationRequested && !_abort.IsCancellationRequested;
                var error = timedOut ? $"no answer within {options.ApiTimeout.TotalSeconds:0.###} s" : ex.Message;
                result = unanswered with { Duration = _time.GetElapsedTime(started), Error = error, Exception = timedOut ? null : ex };
            }
        }
        _completed(result); // posted before the count drops, so idleness is never seen in between
        Interlocked.Decrement(ref _inFlight);
    }
}
