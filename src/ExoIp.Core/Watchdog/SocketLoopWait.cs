using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using ExoIp.Transport;

namespace ExoIp.Watchdog;

/// <summary>
/// The loop's wait on a real UDP socket and the system clock: one kernel wait (<see cref="Socket.Select"/>, poll on
/// Linux) on the advert socket and a wake socket, with the due time as its timeout. The loop then reads the
/// datagrams itself, so an idle watchdog is one sleeping thread: no socket-engine thread, no thread-pool hop per
/// datagram, no timer thread. Other threads wake it through a <see cref="WakeSocket"/>.
/// </summary>
internal sealed class SocketLoopWait : LoopWait
{
    private readonly UdpTransport _transport;
    private readonly WakeSocket _wake;
    private readonly List<Socket> _readable = new(2);
    private readonly TimeProvider _time;
    private TimeSpan? _timeout;
    private long _armedAt;
    private Readiness _socket = Readiness.Unknown;
    private bool _readSinceWait; // the pass before the current wait read a datagram
    private bool _burst; // datagrams come faster than the loop's passes: read them in batches
    // A wait that ended sooner than this after it began found the datagram already there.
    private static readonly TimeSpan BurstGap = TimeSpan.FromMilliseconds(1);
    private int _disposed;

    // What the loop knows of the advert socket before its next read, so that each read costs one system call.
    private enum Readiness
    {
        // Nothing known: a poll without waiting says whether a datagram is there.
        Unknown,
        // The wait saw a datagram waiting: read it at once.
        Readable,
        // Nothing is read until the next wait, which ends at once for a datagram already there.
        NextWait,
    }

    private SocketLoopWait(UdpTransport transport, WakeSocket wake, TimeProvider time)
    {
        _transport = transport;
        _wake = wake;
        _time = time;
    }

    /// <summary>The socket wait for <paramref name="transport"/>, or null where no loopback socket can be bound (then <see cref="ClockLoopWait"/> serves).</summary>
    public static SocketLoopWait? TryCreate(UdpTransport transport, TimeProvider time) =>
        WakeSocket.TryCreate() is { } wake ? new SocketLoopWait(transport, wake, time) : null;

    public override void Arm(DateTimeOffset? due, DateTimeOffset now)
    {
        _timeout = Until(due, now);
        _armedAt = _time.GetTimestamp();
    }

    public override void Wait()
    {
        var timeout = -1;
        if (_timeout is { } span)
        {
            var left = span - _time.GetElapsedTime(_armedAt);
            // Select counts in microseconds and poll waits whole milliseconds of them, rounded down: rounded up here,
            // so the loop is never woken a fraction of a millisecond early only to wait again. A deadline past is
            // decided now, one far off is woken for again.
            var milliseconds = (left.Ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond;
            timeout = left <= TimeSpan.Zero ? 0 : (int)Math.Min(milliseconds * 1000, int.MaxValue);
        }
        _readable.Clear();
        _readable.Add(_wake.Socket);
        var socket = _transport.Socket;
        if (socket is not null) _readable.Add(socket);
        _socket = Readiness.Unknown;
        var began = _time.GetTimestamp();
        try
        {
            Socket.Select(_readable, null, null, timeout);
        }
        catch (ObjectDisposedException)
        {
            // The transport closed under the wait (a kill): the loop finds the Kill input it was woken for.
            return;
        }
        var readable = socket is not null && _readable.Contains(socket);
        if (socket is not null) _socket = readable ? Readiness.Readable : Readiness.NextWait;
        // Another datagram already there after a pass that read one (the wait hardly slept): a burst, or a flood,
        // read in batches. One that came later (the second peer's advert, tens of ms after the first) is not.
        _burst = readable && _readSinceWait && _time.GetElapsedTime(began) < BurstGap;
        _readSinceWait = false;
        // Taken before the loop drains its inputs: a post after this wakes the next wait.
        if (_readable.Contains(_wake.Socket)) _wake.Clear();
    }

    public override void Signal() => _wake.Signal();

    public override bool TryReceive(out ReceivedDatagram? datagram)
    {
        // The first read after a wait is what the wait saw: a recvfrom, or nothing at all. After it, a datagram
        // alone (the idle case: one advert from each peer an interval) is left to the next wait, which costs no
        // more than a poll to ask whether another is there; in a burst each further read of the pass polls
        // first, so the loop reads a batch per pass and never blocks on an empty socket.
        var known = _socket;
        _socket = known == Readiness.Readable && !_burst ? Readiness.NextWait : Readiness.Unknown;
        if (known == Readiness.NextWait)
        {
            datagram = null;
            return false;
        }
        var received = _transport.TryReceive(mayBlock: known == Readiness.Readable, out datagram);
        _readSinceWait |= received;
        return received;
    }

    public override void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _wake.Dispose();
    }
}
