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
                .ReceiveFromAsync(new ArraySegment<byte>(_buffer), SocketFlags.None, new IPEndPoint(IPAddress.Any, 0))
                .ConfigureAwait(false);
            var payload = new byte[result.ReceivedBytes];
            Buffer.BlockCopy(_buffer, 0, payload, 0, payload.Length);
            var source = ((IPEndPoint)result.RemoteEndPoint).Address;
            return new ReceivedDatagram(payload, source.IsIPv4MappedToIPv6 ? source.MapToIPv4() : source);
        }
        catch (Exception ex) when (Volatile.Read(ref _disposed) == 1 && ex is ObjectDisposedException or SocketException)
        {
            return null;
        }
    }

    /// <summary>Closes the socket; a pending <see cref="ReceiveAsync"/> returns null.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _socket.Dispose();
    }
}
