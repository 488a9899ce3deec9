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
/// datagram, no timer thread. Other threads wake it by sending one byte to the wake socket, a UDP socket bound to
/// the loopback address that only this process knows the port of.
/// </summary>
internal sealed class SocketLoopWait : LoopWait
{
    private readonly UdpTransport _transport;
    private readonly Socket _wake;
    private readonly EndPoint _wakeAddress;
    private readonly byte[] _wakeBuffer = new byte[1];
    private readonly List<Socket> _readable = new(2);
    private readonly TimeProvider _time;
    private TimeSpan? _timeout;
    private long _armedAt;
    private int _signalled;
    private bool _socketReadable; // the last wait saw a datagram waiting: the next read needs no check
    private int _disposed;

    private SocketLoopWait(UdpTransport transport, Socket wake, TimeProvider time)
    {
        _transport = transport;
        _wake = wake;
        _wakeAddress = wake.LocalEndPoint!;
        _time = time;
    }

    /// <summary>The socket wait for <paramref name="transport"/>, or null where no loopback socket can be bound (then <see cref="ClockLoopWait"/> serves).</summary>
    public static SocketLoopWait? TryCreate(UdpTransport transport, TimeProvider time)
    {
        var wake = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            wake.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            return new SocketLoopWait(transport, wake, time);
        }
        catch (SocketException)
        {
            wake.Dispose();
            return null;
        }
    }

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
            // Select counts in microseconds; a deadline past is decided now, one far off is woken for again.
            timeout = left <= TimeSpan.Zero ? 0 : (int)Math.Min(left.Ticks / 10 + 1, int.MaxValue);
        }
        _readable.Clear();
        _readable.Add(_wake);
        var socket = _transport.Socket;
        if (socket is not null) _readable.Add(socket);
        _socketReadable = false;
        try
        {
            Socket.Select(_readable, null, null, timeout);
        }
        catch (ObjectDisposedException)
        {
            // The transport closed under the wait (a kill): the loop finds the Kill input it was woken for.
            return;
        }
        _socketReadable = socket is not null && _readable.Contains(socket);
        if (!_readable.Contains(_wake)) return;
        // Cleared before the loop drains its inputs: a post after this sends a new wake, so none is slept through.
        Volatile.Write(ref _signalled, 0);
        try
        {
            _wake.Receive(_wakeBuffer);
        }
        catch (SocketException)
        {
            // Nothing to read after all: the loop looks at its inputs anyway.
        }
    }

    public override void Signal()
    {
        if (Interlocked.Exchange(ref _signalled, 1) == 1) return;
        try
        {
            _wake.SendTo(_wakeBuffer, _wakeAddress);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or SocketException)
        {
            // The loop has ended (or is ending): nobody is left to wake.
        }
    }

    public override bool TryReceive(out ReceivedDatagram? datagram)
    {
        // The first read after a wait that saw the socket readable is one recvfrom; any further one in the same
        // pass checks first (a poll without waiting), so the loop never blocks on an empty socket.
        var readable = _socketReadable;
        _socketReadable = false;
        return _transport.TryReceive(mayBlock: readable, out datagram);
    }

    public override void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _wake.Dispose();
    }
}
