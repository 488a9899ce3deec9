using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Health;
using ExoIp.Tests.Processes;

namespace ExoIp.Tests.Health;

/// <summary>Runs a <see cref="HealthMonitor"/> and records each transition with the counters as they were at that moment.</summary>
internal sealed class MonitorRecorder : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<Seen> _seen = new();

    public MonitorRecorder(HealthCheckOptions options, params IHealthCheck[] checks)
        : this(options, TimeProvider.System, checks)
    {
    }

    public MonitorRecorder(HealthCheckOptions options, TimeProvider time, params IHealthCheck[] checks)
    {
        Monitor = new HealthMonitor(checks, options, t => _seen.Enqueue(new Seen(t, Monitor!.Counters.Passed, Monitor.Counters.Failed, Monitor.Counters.TimedOut)), time);
        Run = Monitor.RunAsync(_stop.Token);
    }

    public HealthMonitor Monitor { get; }

    public Task Run { get; }

    public IReadOnlyList<Seen> Transitions => _seen.ToArray();

    /// <summary>Waits for the n-th transition (1-based) and returns it.</summary>
    public async Task<Seen> TransitionAsync(int n)
    {
        await Eventually.HoldsAsync(() => _seen.Count >= n, ScriptFiles.Deadline, $"transition {n}", () => $"{_seen.Count} transition(s): {string.Join("; ", _seen)}; counters {Describe()}");
        return _seen.ElementAt(n - 1);
    }

    public string Describe() => $"passed {Monitor.Counters.Passed}, failed {Monitor.Counters.Failed}, timed out {Monitor.Counters.TimedOut}";

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await Run.WaitAsync(ScriptFiles.Deadline);
        _stop.Dispose();
    }

    /// <summary>A transition and the counters when it was reported.</summary>
    internal sealed record Seen(HealthTransition Transition, long Passed, long Failed, long TimedOut)
    {
        public HealthStatus Status => Transition.Status;
    }
}
