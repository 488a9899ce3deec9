using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using ExoIp.Authentication;

namespace ExoIp.Bench.Flood;

/// <summary>
/// The <c>flood</c> command: sends a watchdog a stream of bad datagrams, cycling through
/// <see cref="FloodDatagrams"/>, from a peer's address (another port than the peer's own, which the watchdog
/// ignores) and from a stranger's. On Linux it watches the target's receive queue and waits whenever it fills,
/// so the kernel drops nothing and the watchdog's counters can be compared with what was sent, reason by reason.
/// </summary>
internal static class DatagramFlood
{
    // Checked every this many datagrams; small enough that one burst cannot overflow a default (208 KiB) queue.
    private const int Burst = 32;
    private const long QueueHighWater = 32 * 1024;
    private static readonly TimeSpan TargetGoneAfter = TimeSpan.FromSeconds(30);

    /// <summary>Runs the command.</summary>
    public static int Run(CommandLine options)
    {
        var output = options.Text("out");
        var target = options.EndPoint("target");
        var elasticIp = options.Address("elastic-ip");
        var peer = options.Address("peer");
        var stranger = options.Address("stranger");
        var count = options.Number("count", 1_000_000);
        var keyFile = options.Text("auth-key-file", string.Empty);
        options.ThrowIfUnread();

        // A keyed target gets the flood of its kind: forged MACs under its key id.
        var kinds = keyFile.Length == 0
            ? FloodDatagrams.For(elasticIp)
            : AuthenticatedFloodDatagrams.For(elasticIp, new AuthKeyRing(AuthKeyFile.Read(keyFile)));
        using var fromPeer = Bound(peer);
        using var fromStranger = Bound(stranger);
        var paced = UdpSocketStatus.Available;
        var before = paced ? UdpSocketStatus.Read(target) ?? throw new ArgumentException($"No UDP socket is bound to {target}.") : null;

        var sent = new long[kinds.Count];
        var waits = 0L;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            if (paced && i % Burst == 0) waits += WaitForRoom(target);
            var kind = i % kinds.Count;
            (kinds[kind].FromPeer ? fromPeer : fromStranger).SendTo(kinds[kind].Payload, target);
            sent[kind]++;
        }
        if (paced) waits += WaitForRoom(target, empty: true);
        clock.Stop();
        var after = paced ? UdpSocketStatus.Read(target) : null;

        var expected = kinds
            .Select((k, i) => (k.Expected, Sent: sent[i]))
            .GroupBy(k => k.Expected)
            .ToDictionary(g => g.Key.ToString(), g => g.Sum(k => k.Sent));
        ResultFile.Write(output, new
        {
            target = target.ToString(),
            sent = count,
            seconds = clock.Elapsed.TotalSeconds,
            datagramsPerSecond = count / clock.Elapsed.TotalSeconds,
            paced,
            pacingWaits = waits,
            kernelDrops = after is null || before is null ? (long?)null : after.Drops - before.Drops,
            expectedDrops = expected,
            kinds = kinds.Select((k, i) => new { k.Name, bytes = k.Payload.Length, k.FromPeer, expected = k.Expected.ToString(), sent = sent[i] }),
        });
        Console.WriteLine($"Sent {count:N0} datagrams to {target} in {clock.Elapsed.TotalSeconds:F1} s ({count / clock.Elapsed.TotalSeconds:N0}/s).");
        return 0;
    }

    private static Socket Bound(IPAddress address)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(address, 0));
        return socket;
    }

    // Waits until the target's queue is below the high-water mark (or empty); returns how many pauses that took.
    private static long WaitForRoom(IPEndPoint target, bool empty = false)
    {
        var pauses = 0L;
        var since = Stopwatch.StartNew();
        while (true)
        {
            var status = UdpSocketStatus.Read(target) ?? throw new InvalidOperationException($"The socket bound to {target} is gone.");
            if (empty ? status.ReceiveQueueBytes == 0 : status.ReceiveQueueBytes < QueueHighWater) return pauses;
            if (since.Elapsed > TargetGoneAfter)
                throw new TimeoutException($"{target} has not read its queue for {TargetGoneAfter.TotalSeconds} s.");
            pauses++;
            Thread.Sleep(1);
        }
    }
}
