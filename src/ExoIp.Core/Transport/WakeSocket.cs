using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace ExoIp.Transport;

/// <summary>
/// A way to end a thread's kernel wait from another thread: a UDP socket bound to the loopback address, whose port
/// only this process knows, that the sleeping thread polls (alone, or beside other sockets) and any other thread
/// sends one byte to. A sleep on it is one <c>poll</c>, where an event's timed wait is a futex wait and, on every
/// wake, a futex wake of the lock it takes back.
/// </summary>
internal sealed class WakeSocket : IDisposable
{
    private readonly EndPoint _address;
    private readonly byte[] _buffer = new byte[1];
    private int _signalled;

    private WakeSocket(Socket socket)
    {
        Socket = socket;
        _address = socket.LocalEndPoint!;
    }

    /// <summary>The socket to wait on: readable once signalled.</summary>
    public Socket Socket { get; }

    /// <summary>A wake socket, or null where no loopback socket can be bound (a network namespace whose loopback is down).</summary>
    public static WakeSocket? TryCreate()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            return new WakeSocket(socket);
        }
        catch (SocketException)
        {
            socket.Dispose();
            return null;
        }
    }

    /// <summary>Ends the wait under way, or the next one; any thread. Signals before the next <see cref="Clear"/> are one wake.</summary>
    public void Signal()
    {
        if (Interlocked.Exchange(ref _signalled, 1) == 1) return;
        try
        {
            Socket.SendTo(_buffer, _address);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or SocketException)
        {
            // The sleeper has ended (or is ending): nobody is left to wake.
        }
    }

    /// <summary>
    /// Takes the wake the socket was seen readable for; by the sleeping thread, before it looks at what it was
    /// woken for (a signal after this sends a new wake, so none is slept through).
    /// </summary>
    public void Clear()
    {
        Volatile.Write(ref _signalled, 0);
        try
        {
            Socket.Receive(_buffer);
        }
        catch (SocketException)
        {
            // Nothing to read after all: the sleeper looks anyway.
        }
    }

    /// <summary>Sleeps on this socket alone until signalled (true, the wake taken) or <paramref name="timeout"/> passes (false).</summary>
    public bool Wait(TimeSpan timeout)
    {
        // Poll counts in microseconds, -1 for ever; a wait is never cut short by rounding down.
        var microseconds = timeout == Timeout.InfiniteTimeSpan ? -1 : (int)Math.Min(timeout.Ticks / 10 + 1, int.MaxValue);
        if (!Socket.Poll(microseconds, SelectMode.SelectRead)) return false;
        Clear();
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => Socket.Dispose();
}
