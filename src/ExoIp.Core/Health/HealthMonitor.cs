using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace ExoIp.Health;

/// <summary>
/// Runs every health check once per interval, all at once, each bounded by the timeout, and turns the rounds
/// into a verdict by fall/rise counting (<see cref="HealthTally"/>): a round passes when every check passes.
/// It runs beside the watchdog's loop and only reports: a transition to the callback on each change of the
/// verdict, a counter per outcome, a snapshot. A hanging check is a failed one at its timeout, and the next
/// rounds go on at their pace.
/// </summary>
public sealed class HealthMonitor
{
    private readonly HealthCheckSlot[] _slots;
    private readonly HealthCheckOptions _options;
    private readonly Action<HealthTransition>? _onTransition;
    private readonly TimeProvider _time;
    private readonly HealthTally _tally;
    private HealthSnapshot _snapshot = HealthSnapshot.Initial;
    private int _started;

    /// <summary>A monitor for <paramref name="checks"/>; <see cref="RunAsync"/> starts it. It owns the checks and disposes the disposable ones when it ends.</summary>
    /// <param name="checks">At least one check; the node is healthy when all pass.</param>
    /// <param name="options">Interval, timeout, fall and rise; validated here.</param>
    /// <param name="onTransition">Called on the monitor's thread on every change of the verdict; it must return quickly and not throw.</param>
    /// <param name="timeProvider">The clock; the system clock by default.</param>
    /// <param name="counters">Where to count the outcomes: a monitor that replaces another (a reload) goes on counting in its counters; new ones by default.</param>
    /// <exception cref="ArgumentException">No check, or invalid options (the message names each).</exception>
    public HealthMonitor(IReadOnlyList<IHealthCheck> checks, HealthCheckOptions options, Action<HealthTransition>? onTransition = null, TimeProvider? timeProvider = null,
        HealthCounters? counters = null)
    {
        if (checks is null) throw new ArgumentNullException(nameof(checks));
        if (checks.Count == 0 || checks.Any(c => c is null)) throw new ArgumentException("At least one health check is required, and none may be null.", nameof(checks));
        (_options = options ?? throw new ArgumentNullException(nameof(options))).ThrowIfInvalid();
        _slots = checks.Select(c => new HealthCheckSlot(c)).ToArray();
        _onTransition = onTransition;
        _time = timeProvider ?? TimeProvider.System;
        _tally = new HealthTally(options.HealthCheckFall, options.HealthCheckRise);
        Counters = counters ?? new HealthCounters();
    }

    /// <summary>The checks, in the order given.</summary>
    public IReadOnlyList<IHealthCheck> Checks => _slots.Select(s => s.Check).ToArray();

    /// <summary>The options it runs with.</summary>
    public HealthCheckOptions Options => _options;

    /// <summary>How often each outcome happened; live.</summary>
    public HealthCounters Counters { get; }

    /// <summary>The verdict and the last failure, as of the last round.</summary>
    public HealthSnapshot Snapshot => Volatile.Read(ref _snapshot);

    /// <summary>Runs rounds until <paramref name="cancellationToken"/> is cancelled, then returns (no exception). Runs once per instance.</summary>
    /// <exception cref="InvalidOperationException">It already ran.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0) throw new InvalidOperationException("This health monitor has already run; create a new one.");
        var timeout = _options.EffectiveTimeout;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var roundStart = _time.GetTimestamp();
                var results = await Task.WhenAll(_slots.Select(s => s.RunAsync(timeout, _time, cancellationToken))).ConfigureAwait(false);
                if (cancellationToken.IsCancellationRequested) break; // a round cut short by the stop says nothing
                Record(results);
                var wait = _options.HealthCheckInterval - _time.GetElapsedTime(roundStart);
                if (wait > TimeSpan.Zero) await _time.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // stopped
        }
        finally
        {
            foreach (var disposable in _slots.Select(s => s.Check).OfType<IDisposable>()) disposable.Dispose();
        }
    }

    private void Record(HealthCheckResult[] results)
    {
        foreach (var result in results) Counters.Count(result.Outcome);
        var now = _time.GetUtcNow();
        var failure = results.FirstOrDefault(r => !r.Passed);
        var last = Snapshot;
        var previous = _tally.Status;
        var changed = _tally.Record(passed: failure is null);
        var snapshot = failure is null
            ? last with { Status = _tally.Status, LastRoundAt = now }
            : new HealthSnapshot(_tally.Status, failure.Reason, now, now);
        Volatile.Write(ref _snapshot, snapshot);
        if (!changed) return;
        Counters.Transition();
        _onTransition?.Invoke(new HealthTransition(now, previous, snapshot.Status, snapshot.LastFailureReason));
    }
}
