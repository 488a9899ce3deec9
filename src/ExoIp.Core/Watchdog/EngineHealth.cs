using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ExoIp.Health;

namespace ExoIp.Watchdog;

/// <summary>
/// The engine's health checks: one monitor at a time beside the loop, posting its verdicts to it. A reload replaces
/// it on the loop; the one replaced stops beside the loop (a check under way ends within its timeout), and the run's
/// end waits for that.
/// </summary>
internal sealed class EngineHealth
{
    private readonly LoopInbox _inbox;
    private readonly TimeProvider _time;
    private readonly List<Task> _stopping = new();
    private RunningHealthMonitor? _current;
    private HealthCounters? _counters;

    public EngineHealth(IReadOnlyList<IHealthCheck>? checks, HealthCheckOptions options, LoopInbox inbox, TimeProvider time)
    {
        _inbox = inbox;
        _time = time;
        if (checks is { Count: > 0 }) _current = NewMonitor(checks, options);
    }

    /// <summary>How often each check outcome happened, over every reload; null while no check runs.</summary>
    public HealthCounters? Counters => _current is null ? null : _counters;

    public void Start() => _current?.Start();

    /// <summary>False for the last word of a monitor that a reload has replaced: it is not applied.</summary>
    public bool IsCurrent(LoopInput.HealthChanged verdict) => verdict.From is not { } from || from == _current?.Monitor;

    /// <summary>A reload's new checks, on the loop (none: the node runs unchecked from now on).</summary>
    public void Replace(IReadOnlyList<IHealthCheck> checks, HealthCheckOptions options)
    {
        StopCurrent();
        _current = checks.Count == 0 ? null : NewMonitor(checks, options);
        _current?.Start();
    }

    /// <summary>Stops the monitor; completes once it and every one replaced have stopped.</summary>
    public Task StopAsync()
    {
        StopCurrent();
        return Task.WhenAll(_stopping);
    }

    private void StopCurrent()
    {
        if (_current is { } running) _stopping.Add(running.StopAsync());
    }

    private RunningHealthMonitor NewMonitor(IReadOnlyList<IHealthCheck> checks, HealthCheckOptions options)
    {
        HealthMonitor? monitor = null;
        // Tagged with its monitor: once a reload has replaced it, a verdict it had already posted is not applied.
        monitor = new HealthMonitor(checks, options, t => _inbox.Post(new LoopInput.HealthChanged(t) { From = monitor }), _time, _counters ??= new HealthCounters());
        return new RunningHealthMonitor(monitor);
    }
}
