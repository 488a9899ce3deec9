using System;
using System.Threading;
using ExoIp.Transport;

namespace ExoIp.Watchdog;

/// <summary>
/// The loop's wait for any transport and any clock: an event set by <see cref="Signal"/>, and one timer of the
/// watchdog's <see cref="TimeProvider"/> for the due time, which posts <see cref="LoopInput.Wake"/> (so on a
/// simulated clock the wake is queued work the moment the clock passes it). Datagrams arrive as posted inputs.
/// </summary>
internal sealed class ClockLoopWait : LoopWait
{
    private readonly ManualResetEventSlim _signal = new(false, spinCount: 0); // an idle loop sleeps; it need not spin first
    private readonly ITimer _timer;
    private DateTimeOffset? _armed;

    /// <param name="time">The clock whose timer ends the wait.</param>
    /// <param name="wake">Posts the wake (and signals): called by the timer.</param>
    public ClockLoopWait(TimeProvider time, Action wake)
    {
        _timer = time.CreateTimer(_ =>
        {
            Volatile.Write(ref _fired, 1);
            wake();
        }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private int _fired;

    public override void Arm(DateTimeOffset? due, DateTimeOffset now)
    {
        // A one-shot timer that fired is spent, even a hair early: arm it again.
        if (due == _armed && Interlocked.Exchange(ref _fired, 0) == 0) return;
        _armed = due;
        _timer.Change(Until(due, now) ?? Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public override void Wait()
    {
        _signal.Wait();
        // Reset before the loop drains its inputs: a post after this sets it again, so none is slept through.
        _signal.Reset();
    }

    public override void Signal()
    {
        try
        {
            _signal.Set();
        }
        catch (ObjectDisposedException)
        {
            // The loop has ended: nobody is left to wake.
        }
    }

    public override bool TryReceive(out ReceivedDatagram? datagram)
    {
        datagram = null;
        return false;
    }

    public override void Dispose()
    {
        _timer.Dispose();
        _signal.Dispose();
    }
}
