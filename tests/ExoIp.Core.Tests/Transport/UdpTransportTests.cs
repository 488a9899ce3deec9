using System;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using ExoIp.Transport;

namespace ExoIp.Tests.Transport;

public class UdpTransportTests
{
    private static readonly IPAddress Node2 = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress Node3 = IPAddress.Parse("127.0.0.3");
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Sends_to_the_peer_at_the_same_port_from_the_bind_address()
    {
        var port = LoopbackPorts.FindFree(Node2, Node3);
        using var a = new UdpTransport(new IPEndPoint(Node2, port));
        using var b = new UdpTransport(new IPEndPoint(Node3, port));
        Assert.Equal(new IPEndPoint(Node2, port), a.LocalEndPoint);

        var payload = new byte[] { 2, 1, 10, 10, 198, 51, 100, 50 };
        await a.SendAsync(Node3, payload);
        var received = await b.ReceiveAsync().WaitAsync(Deadline);

        Assert.NotNull(received);
        Assert.Equal(payload, received!.Payload);
        Assert.Equal(Node2, received.Source);
    }

    [Fact]
    public async Task An_over_long_datagram_arrives_whole_so_it_can_be_refused_for_its_length()
    {
        var port = LoopbackPorts.FindFree(Node2, Node3);
        using var a = new UdpTransport(new IPEndPoint(Node2, port));
        using var b = new UdpTransport(new IPEndPoint(Node3, port));
        await a.SendAsync(Node3, new byte[30]);
        var received = await b.ReceiveAsync().WaitAsync(Deadline);
        Assert.Equal(30, received!.Payload.Length);
    }

    [Fact]
    public async Task Disposing_ends_a_pending_receive_with_null()
    {
        var port = LoopbackPorts.FindFree(Node2);
        var transport = new UdpTransport(new IPEndPoint(Node2, port));
        var pending = transport.ReceiveAsync();
        transport.Dispose();
        Assert.Null(await pending.WaitAsync(Deadline));
        Assert.Null(await transport.ReceiveAsync().WaitAsync(Deadline));
    }

    [Fact]
    public void A_bind_address_in_use_is_a_socket_error_and_bad_endpoints_are_refused()
    {
        var port = LoopbackPorts.FindFree(Node2);
        using var first = new UdpTransport(new IPEndPoint(Node2, port));
        var error = Assert.Throws<SocketException>(() => new UdpTransport(new IPEndPoint(Node2, port)));
        Assert.Equal(SocketError.AddressAlreadyInUse, error.SocketErrorCode);
        Assert.Throws<ArgumentException>(() => new UdpTransport(new IPEndPoint(Node2, 0)));
        Assert.Throws<ArgumentException>(() => new UdpTransport(new IPEndPoint(IPAddress.IPv6Loopback, port)));
    }
}
