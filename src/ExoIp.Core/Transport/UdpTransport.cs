using System;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace ExoIp.Transport;

/// <summary>
/// One IPv4 UDP socket bound to the watchdog's bind address (0.0.0.0 = every address), used both to send
/// adverts (so they leave from the bind address) and to receive them.
/// </summary>
public sealed class UdpTransport : IAdvertisementTransport
{
    // The largest UDP payload over IPv4; receiving into a buffer this large means a datagram is never
    // truncated, so an over-long one is seen, and dropped, for what it is.
    private const int MaxDatagram = 65507;

    // SIO_UDP_CONNRESET: without turning it off, Windows fails the next receive when a peer's port answered
    // a previous send with ICMP "port unreachable" (a peer not running yet is the normal case here).
    private const int SioUdpConnReset = -1744830452;

    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[MaxDatagram];
    private readonly int _port;
    private readonly EndPoint _anySource = new IPEndPoint(IPAddress.Any, 0);
    private int _disposed;

    /// <summary>Binds the socket.</summary>
    /// <exception cref="ArgumentException"><paramref name="bind"/> is not an IPv4 endpoint with a port.</exception>
    /// <exception cref="SocketException">The address cannot be bound (in use, not local, ...).</exception>
    public UdpTransport(IPEndPoint bind)
    {
        if (bind is null) throw new ArgumentNullException(nameof(bind));
        if (bind.AddressFamily != AddressFamily.InterNetwork)
            throw new ArgumentException($"The bind address {bind} is not IPv4.", nameof(bind));
        if (bind.Port == 0)
            throw new ArgumentException("The bind port must be given: peers send to the same port.", nameof(bind));
        _port = bind.Port;
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                _socket.IOControl(SioUdpConnReset, new byte[4], null);
            _socket.Bind(bind);
        }
        catch
        {
            _socket.Dispose();
            throw;
        }
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    /// <summary>The address and port the socket is bound to.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <inheritdoc />
    public Task SendAsync(IPAddress destination, byte[] datagram)
    {
        if (destination is null) throw new ArgumentNullException(nameof(destination));
        if (datagram is null) throw new ArgumentNullException(nameof(datagram));
        return _socket.SendToAsync(new ArraySegment<byte>(datagram), SocketFlags.None, new IPEndPoint(destination, _port));
    }

    /// <inheritdoc />
    public async Task<ReceivedDatagram?> ReceiveAsync()
    {
        try
        {
            var result = await _socket
                .ReceiveFromAsync(new ArraySegment<byte>(_buffer), SocketFlags.None, _anySource)
                .ConfigureAwait(false);
            var payload = new byte[result.ReceivedBytes];
            Buffer.BlockCopy(_buffer, 0, payload, 0, payload.Length);
            return new ReceivedDatagram(payload, Ipv4Of((IPEndPoint)result.RemoteEndPoint));
        }
        catch (Exception ex) when (Volatile.Read(ref _disposed) == 1 && ex is ObjectDisposedException or SocketException)
        {
            return null;
        }
    }

    /// <summary>The socket, for a caller that waits on it itself; null once disposed.</summary>
    internal Socket? Socket => Volatile.Read(ref _disposed) == 1 ? null : _socket;

    /// <summary>
    /// Reads one datagram at once: the caller waited for the socket to be readable (or <paramref name="mayBlock"/>
    /// is false and none is waiting: false). False once disposed. One caller at a time, never beside <see cref="ReceiveAsync"/>.
    /// </summary>
    internal bool TryReceive(bool mayBlock, out ReceivedDatagram? datagram)
    {
        datagram = null;
        try
        {
            if (!mayBlock && !_socket.Poll(0, SelectMode.SelectRead)) return false;
            var from = _anySource;
            var length = _socket.ReceiveFrom(_buffer, ref from);
            var payload = new byte[length];
            Buffer.BlockCopy(_buffer, 0, payload, 0, length);
            datagram = new ReceivedDatagram(payload, Ipv4Of((IPEndPoint)from));
            return true;
        }
        catch (Exception ex) when (Volatile.Read(ref _disposed) == 1 && ex is ObjectDisposedException or SocketException)
        {
            return false;
        }
    }

    private static IPAddress Ipv4Of(IPEndPoint source) => source.Address.IsIPv4MappedToIPv6 ? source.Address.MapToIPv4() : source.Address;

    /// <summary>Closes the socket; a pending <see cref="ReceiveAsync"/> returns null.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _socket.Dispose();
    }
}
