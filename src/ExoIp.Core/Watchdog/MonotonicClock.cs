using System;

namespace ExoIp.Watchdog;

/// <summary>
/// Wall-clock time that never jumps: the UTC time at creation plus the monotonic time elapsed since. A
/// wall-clock step (NTP, an operator) must not make live peers look dead, nor dead ones alive.
/// </summary>
internal sealed class MonotonicClock
{
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _origin;
    private readonly long _start;

    public MonotonicClock(TimeProvider time)
    {
        _time = time;
        _origin = time.GetUtcNow();
        _start = time.GetTimestamp();
    }

    /// <summary>The current time.</summary>
    public DateTimeOffset Now => _origin + _time.GetElapsedTime(_start);
}
