using System;
using ExoIp.Transport;

namespace ExoIp.Watchdog;

/// <summary>
/// How the watchdog's loop thread sleeps between passes: until an input is posted (<see cref="Signal"/>), a
/// datagram may be waiting, or its next due time passes. Two kinds: <see cref="SocketLoopWait"/>, one kernel wait
/// on the UDP socket itself with the due time as its timeout (the loop reads datagrams itself: no thread and no
/// hop per datagram); and <see cref="ClockLoopWait"/> for any other transport or clock (a simulated one in tests),
/// where a receiver posts datagrams and the clock's own timer ends the wait.
/// </summary>
internal abstract class LoopWait : IDisposable
{
    private protected LoopWait()
    {
    }

    /// <summary>Sets when the wait ends at the latest (null: only an input or a datagram ends it); called by the loop while it works, before <see cref="Wait"/>.</summary>
    public abstract void Arm(DateTimeOffset? due, DateTimeOffset now);

    /// <summary>Sleeps until an input is posted, a datagram may be waiting, or the armed time passes.</summary>
    public abstract void Wait();

    /// <summary>Ends a <see cref="Wait"/> under way, or the next one, at once; any thread, after it posted an input.</summary>
    public abstract void Signal();

    /// <summary>A datagram waiting on the socket, read without blocking; false when none is (always, where a receiver posts them).</summary>
    public abstract bool TryReceive(out ReceivedDatagram? datagram);

    /// <inheritdoc />
    public abstract void Dispose();

    /// <summary>How long from <paramref name="now"/> until <paramref name="due"/>, at least 1 ms (a deadline is decided to the millisecond); null for none.</summary>
    private protected static TimeSpan? Until(DateTimeOffset? due, DateTimeOffset now) =>
        due is { } at ? (at - now > TimeSpan.FromMilliseconds(1) ? at - now : TimeSpan.FromMilliseconds(1)) : null;
}
