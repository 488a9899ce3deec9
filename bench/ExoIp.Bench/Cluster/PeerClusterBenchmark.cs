using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using ExoIp.Election;
using ExoIp.Emulator;
using ExoIp.Exoscale;
using ExoIp.Watchdog;

namespace ExoIp.Bench.Cluster;

/// <summary>
/// The <c>peers</c> command: N watchdog engines in this one process (N processes of pwsh would not fit two
/// cores), each bound to its own loopback address at the same port, all against one embedded emulator. After
/// the cluster settles it watches for a while and reports false deaths (PeerDown events: every node keeps
/// running, so each one is false), holder changes, and what the whole cluster cost in CPU and memory.
/// </summary>
internal static class PeerClusterBenchmark
{
    private const string Key = "EXObench0000000000000000001";
    private const string ElasticIp = "198.51.100.77";
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(1);

    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(CommandLine options)
    {
        var output = options.Text("out");
        var count = options.Number("nodes", 50, minimum: 2);
        var interval = TimeSpan.FromMilliseconds(options.Number("interval-ms", 100, minimum: 50));
        var deadRatio = options.Number("dead-ratio", 3);
        var window = TimeSpan.FromSeconds(options.Number("seconds", 60));
        var network = options.Address("network", "127.0.1.0").GetAddressBytes();
        options.ThrowIfUnread();
        if (network[0] != 127 || count > 250) throw new ArgumentException("--network must be a 127.x.y.0 network and --nodes at most 250.");

        var secret = "bench-" + Guid.NewGuid().ToString("N");
        var elasticIpId = Guid.NewGuid().ToString();
        var addresses = Enumerable.Range(1, count).Select(i => new IPAddress(new[] { network[0], network[1], network[2], (byte)i })).ToList();
        var ids = addresses.Select(_ => Guid.NewGuid()).ToList();
        await using var emulator = await ExoscaleEmulator.StartAsync();
        emulator.State.AddCredentials(Key, secret);
        emulator.State.AddElasticIp(elasticIpId, ElasticIp);
        for (var i = 0; i < count; i++) emulator.State.AddInstance(ids[i].ToString(), $"bench-{i + 1}", addresses[i].ToString());

        var before = ProcessFootprint.Now();
        var port = FreeUdpPort(addresses[0]);
        var deaths = new ConcurrentQueue<string>();
        var client = new ExoscaleClientOptions { Credentials = new ApiCredentials(Key, secret), Endpoint = emulator.ApiEndpoint };
        var nodes = addresses.Select((address, i) => new BenchNode(
            new WatchdogOptions
            {
                Name = $"bench-{i + 1}",
                ElasticIp = IPAddress.Parse(ElasticIp),
                InstanceId = ids[i],
                Priority = (byte)(i + 1),
                Bind = new IPEndPoint(address, port),
                Peers = addresses.Where(a => !a.Equals(address)).ToList(),
                Interval = interval,
                DeadRatio = deadRatio,
            },
            client,
            (node, e) => { if (e.Kind == WatchdogEventKind.PeerDown) deaths.Enqueue($"{e.Timestamp:O} {node.Address}: {e.Message}"); })).ToList();
        try
        {
            foreach (var node in nodes) node.Start();
            var settle = await WaitForSettledAsync(emulator, ids[0].ToString(), nodes);
            Console.WriteLine($"{count} engines settled in {settle.TotalSeconds:F1} s; watching for {window.TotalSeconds} s.");

            var from = DateTimeOffset.UtcNow;
            var atStart = ProcessFootprint.Now();
            var deathsAtStart = nodes.Sum(n => n.PeerDowns);
            var countersAtStart = Totals(nodes);
            await Task.Delay(window);
            var atEnd = ProcessFootprint.Now();
            var to = DateTimeOffset.UtcNow;
            var countersAtEnd = Totals(nodes);
            var stats = emulator.Stats(ElasticIp, from, to);

            var result = new PeerClusterResult(
                count, interval.TotalMilliseconds, deadRatio, window.TotalSeconds, settle.TotalSeconds,
                FalseDeaths: nodes.Sum(n => n.PeerDowns) - deathsAtStart,
                FalseDeathsIncludingStartUp: nodes.Sum(n => n.PeerDowns),
                HolderChanges: stats.Changes,
                Holders: stats.HoldersNow.Count,
                MasterIsBest: stats.HoldersNow.SequenceEqual(new[] { ids[0].ToString() }),
                AdvertisementsSent: countersAtEnd.Sent - countersAtStart.Sent,
                AdvertisementsAccepted: countersAtEnd.Accepted - countersAtStart.Accepted,
                DatagramsDropped: countersAtEnd.Dropped - countersAtStart.Dropped,
                ApiCalls: countersAtEnd.ApiCalls - countersAtStart.ApiCalls,
                CpuPercentOfOneCore: atEnd.CpuPercentOfOneCoreSince(atStart),
                ResidentMiB: atEnd.ResidentBytes / 1048576.0,
                ResidentMiBBeforeEngines: before.ResidentBytes / 1048576.0,
                ResidentKiBPerEngine: (atStart.ResidentBytes - before.ResidentBytes) / 1024.0 / count,
                ManagedMiB: atEnd.ManagedBytes / 1048576.0,
                FirstFalseDeaths: deaths.Take(20).ToList());
            ResultFile.Write(output, result);
            Console.WriteLine($"False deaths: {result.FalseDeaths}; holder changes: {result.HolderChanges}; CPU {result.CpuPercentOfOneCore:F1} % of a core; RSS {result.ResidentMiB:F0} MiB.");
            return 0;
        }
        finally
        {
            await Task.WhenAll(nodes.Select(n => n.StopAsync()));
            foreach (var node in nodes) node.Dispose();
        }
    }

    // Settled: the best node alone holds the Elastic IP, every node's role is final (the best one Master, the
    // rest Backup), and for a quiet period nothing moved: no attach or detach asked for, no holder changed, no
    // role changed. API look-ups are not unrest: each node reconciles every 30 s, and the master's split watch, set
    // off during the start-up, lists the holders every interval for a dead time and two API timeouts (60.3 s at
    // 0.1 s x 3), so a second without any API call comes only after that minute.
    private static async Task<TimeSpan> WaitForSettledAsync(ExoscaleEmulator emulator, string best, IReadOnlyList<BenchNode> nodes)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var quietSince = TimeSpan.Zero;
        var moves = (-1L, -1L, -1L);
        while (true)
        {
            var now = Moves(emulator, nodes);
            if (now != moves) (moves, quietSince) = (now, clock.Elapsed);
            if (emulator.HoldersOf(ElasticIp).SequenceEqual(new[] { best }) && RolesFinal(nodes) && clock.Elapsed - quietSince >= QuietPeriod)
                return clock.Elapsed;
            if (clock.Elapsed > SettleTimeout)
                throw new TimeoutException($"The cluster did not settle with {best} alone holding {ElasticIp} and its roles final within {SettleTimeout.TotalSeconds} s.");
            await Task.Delay(50);
        }
    }

    // What moving looks like: attaches and detaches asked for, holder changes applied, role changes.
    private static (long Asked, long Applied, long Roles) Moves(ExoscaleEmulator emulator, IEnumerable<BenchNode> nodes) => (
        emulator.Requests.Count(r => r.Path.EndsWith(":attach", StringComparison.Ordinal) || r.Path.EndsWith(":detach", StringComparison.Ordinal)),
        emulator.History(ElasticIp).Count,
        nodes.Sum(n => n.Engine.Counters.Transitions));

    // The best node (the first, priority 1) is Master, every other one Backup.
    private static bool RolesFinal(IReadOnlyList<BenchNode> nodes) =>
        nodes.Select((n, i) => n.Engine.GetSnapshot().Role == (i == 0 ? NodeRole.Master : NodeRole.Backup)).All(final => final);

    private static (long Sent, long Accepted, long Dropped, long ApiCalls) Totals(IEnumerable<BenchNode> nodes) =>
        nodes.Select(n => n.Engine.Counters).Aggregate(
            (0L, 0L, 0L, 0L),
            (sum, c) => (sum.Item1 + c.AdvertisementsSent, sum.Item2 + c.AdvertisementsAccepted, sum.Item3 + c.DatagramsDropped, sum.Item4 + c.ApiCalls));

    // Every node binds the same port on its own address; a port free on the first is very likely free on all (the OS
    // picked it from the ephemeral range), and a clash fails the run loudly at bind time.
    private static int FreeUdpPort(IPAddress address)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(address, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
