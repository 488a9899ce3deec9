using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using ExoIp.Tests.Transport;
using ExoIp.Transport;
using ExoIp.Watchdog;

namespace ExoIp.Tests.Watchdog;

/// <summary>
/// The loop's wait on a real UDP socket: which datagrams a pass reads. Alone, one per wait (the next wait, which
/// ends at once for a datagram already there, is the check); in a burst, all that are there, in one pass.
/// </summary>
public class SocketLoopWaitTests : IDisposable
{
    private static readonly IPAddress Node = IPAddress.Parse("127.0.0.4");
    private static readonly IPAddress Peer = IPAddress.Parse("127.0.0.5");
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly UdpTransport _transport;
    private readonly UdpTransport _peer;
    private readonly SocketLoopWait _wait;

    public SocketLoopWaitTests()
    {
        var port = LoopbackPorts.FindFree(Node, Peer);
        _transport = new UdpTransport(new IPEndPoint(Node, port));
        _peer = new UdpTransport(new IPEndPoint(Peer, port));
        _wait = SocketLoopWait.TryCreate(_transport, TimeProvider.System)!;
    }

    public void Dispose()
    {
        _wait.Dispose();
        _transport.Dispose();
        _peer.Dispose();
    }

    [Fact]
    public async Task A_datagram_alone_is_read_after_its_wait_and_one_behind_it_after_the_next_which_ends_at_once()
    {
        await SendAsync(1, 2);

        await WaitAsync(due: null);
        Assert.Equal(new byte[] { 1 }, ReadPass());
        await WaitAsync(due: null); // no due time: only the datagram waiting can end it
        Assert.Equal(new byte[] { 2 }, ReadPass());
    }

    [Fact]
    public async Task Datagrams_that_keep_coming_are_read_in_one_pass_once_a_burst_is_seen()
    {
        await SendAsync(1, 2, 3, 4, 5);

        await WaitAsync(due: null);
        Assert.Equal(new byte[] { 1 }, ReadPass());
        await WaitAsync(due: null);
        Assert.Equal(new byte[] { 2, 3, 4, 5 }, ReadPass());
    }

    [Fact]
    public async Task After_a_wait_that_saw_no_datagram_one_that_came_since_is_read_after_the_next_wait()
    {
        await WaitAsync(due: DateTimeOffset.UtcNow); // ends at its due time, the socket empty
        await SendAsync(7);

        Assert.Empty(ReadPass());
        await WaitAsync(due: null);
        Assert.Equal(new byte[] { 7 }, ReadPass());
    }

    private async Task SendAsync(params byte[] markers)
    {
        foreach (var marker in markers) await _peer.SendAsync(Node, new[] { marker });
    }

    private Task WaitAsync(DateTimeOffset? due)
    {
        _wait.Arm(due, DateTimeOffset.UtcNow);
        return Task.Run(_wait.Wait).WaitAsync(Deadline);
    }

    // What one pass of the loop reads: datagrams until the wait says none is left to read now.
    private List<byte> ReadPass()
    {
        var read = new List<byte>();
        while (_wait.TryReceive(out var datagram))
        {
            Assert.Equal(Peer, datagram!.Source);
            read.Add(datagram.Payload[0]);
        }
        return read;
    }
}
