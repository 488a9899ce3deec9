using System;
using System.Collections.Generic;
using System.Threading;

namespace ExoIp.Simulation;

/// <summary>
/// One process's clock over the world's virtual time. The wall clock (<see cref="GetUtcNow"/>) can be offset or
/// stepped; the monotonic clock (<see cref="GetTimestamp"/>) stops during a VM pause. Timers run as scheduler
/// events through the process's gate, so <see cref="TimeProvider.CreateCancellationTokenSource"/> and
/// <c>TimeProvider.Delay</c> work over it.
/// </summary>
public sealed class SimClock : TimeProvider
{
    private readonly Scheduler _scheduler;
    private readonly SimProcess _process;
    private readonly DateTimeOffset _epoch;
    private readonly List<SimTimer> _timers = new();
    private long _frozenTicks;
    private long _frozenSince = -1;

    internal SimClock(Scheduler scheduler, SimProcess process, DateTimeOffset epoch, long wallOffsetTicks)
    {
        _scheduler = scheduler;
        _process = process;
        _epoch = epoch;
        WallOffsetTicks = wallOffsetTicks;
    }

    /// <summary>How far this node's wall clock is from true time, in ticks (a step changes it).</summary>
    public long WallOffsetTicks { get; set; }

    internal Scheduler Scheduler => _scheduler;

    internal SimProcess Process => _process;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _epoch.AddTicks(_scheduler.Now + WallOffsetTicks);

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override long GetTimestamp() =>
        _scheduler.Now - _frozenTicks - (_frozenSince >= 0 ? _scheduler.Now - _frozenSince : 0);

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new SimTimer(this, callback, state);
        _timers.Add(timer);
        timer.Change(dueTime, period);
        return timer;
    }

    internal void Remove(SimTimer timer) => _timers.Remove(timer);

    internal void Freeze() => _frozenSince = _scheduler.Now;

    // A VM pause: time did not pass for the guest, so every armed timer moves on by the pause.
    internal void Thaw(long pausedTicks)
    {
        _frozenTicks += pausedTicks;
        _frozenSince = -1;
        for (var i = 0; i < _timers.Count; i++) _timers[i].Postpone(pausedTicks);
    }

    internal void DisposeTimers()
    {
        for (var i = _timers.Count - 1; i >= 0; i--) _timers[i].Dispose();
        _timers.Clear();
    }
}
