using System;
using System.Threading;
using System.Threading.Tasks;

namespace ExoIp.Simulation;

/// <summary>
/// A <see cref="SimClock"/> timer. Each arming bumps a generation carried by its scheduled firing, so a stale
/// firing (re-armed, disposed, postponed) is recognised and ignored.
/// </summary>
internal sealed class SimTimer : ITimer, ISimEvent
{
    private readonly SimClock _clock;
    private readonly TimerCallback _callback;
    private readonly object? _state;
    private long _generation;
    private long _dueAt = -1;
    private long _periodTicks;
    private bool _disposed;

    public SimTimer(SimClock clock, TimerCallback callback, object? state)
    {
        _clock = clock;
        _callback = callback;
        _state = state;
    }

    public string Label => "timer";

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        if (_disposed) return false;
        _generation++;
        _periodTicks = period > TimeSpan.Zero ? period.Ticks : 0;
        if (dueTime < TimeSpan.Zero)
        {
            _dueAt = -1;
            return true;
        }
        Arm(_clock.Scheduler.Now + dueTime.Ticks);
        return true;
    }

    public void Fire(long token)
    {
        if (_disposed || token != _generation) return;
        if (!_clock.Process.Admit(this, token, DeliveryKind.Timer)) return;
        if (_periodTicks > 0) Arm(_clock.Scheduler.Now + _periodTicks);
        else _dueAt = -1;
        _callback(_state);
    }

    public void Postpone(long ticks)
    {
        if (_disposed || _dueAt < 0) return;
        _generation++;
        Arm(_dueAt + ticks);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _generation++;
        _dueAt = -1;
        _clock.Remove(this);
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return default;
    }

    private void Arm(long at)
    {
        _dueAt = at;
        _clock.Scheduler.Schedule(at, this, _generation, _clock.Process.Node);
    }
}
