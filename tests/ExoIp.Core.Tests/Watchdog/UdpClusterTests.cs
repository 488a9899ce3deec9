using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using ExoIp.Election;
using ExoIp.Emulator;
using ExoIp.Protocol;
using ExoIp.Watchdog;
using Xunit.Abstractions;

namespace ExoIp.Tests.Watchdog;

/// <summary>Watchdogs on real UDP over loopback, the real client, the real emulator.</summary>
public class UdpClusterTests
{
    private readonly ITestOutputHelper _output;

    public UdpClusterTests(ITestOutputHelper output)
    {
        _output = output;
    }

    private static bool OnlyHolder(LiveCluster cluster, int node) => cluster.Holders.SequenceEqual(new[] { cluster.Id(node) });

    [Fact]
    public async Task Three_nodes_elect_exactly_one_master_that_holds_the_elastic_ip()
    {
        await using var cluster = await LiveCluster.StartSettledAsync(10, 20, 30);
        await Task.Delay(LiveCluster.Interval * 5);

        Assert.True(OnlyHolder(cluster, 0), cluster.Describe());
        Assert.Equal(1, cluster.Stats().Changes);
        foreach (var node in new[] { 1, 2 })
        {
            var snapshot = cluster[node].GetSnapshot();
            Assert.Equal(IPAddress.Parse("127.0.0.2"), Assert.Single(snapshot.Peers, p => p.IsMaster).Address);
            Assert.All(snapshot.Peers, p => Assert.True(p.IsAlive));
        }
        Assert.True(cluster[1].Counters.AdvertisementsAccepted > 0);
        Assert.Equal(0, cluster[1].Counters.DatagramsDropped);
    }

    [Fact]
    public async Task Killing_the_master_moves_the_elastic_ip_to_the_best_backup_only()
    {
        await using var cluster = await LiveCluster.StartSettledAsync(10, 20, 30);

        var killedAt = DateTimeOffset.UtcNow;
        cluster[0].Kill();
        var took = await cluster.EventuallyAsync(() => OnlyHolder(cluster, 1), "node 1 sole holder");

        Assert.Equal(NodeRole.Master, cluster[1].GetSnapshot().Role);
        Assert.Equal(NodeRole.Backup, cluster[2].GetSnapshot().Role);
        var stats = cluster.Stats(killedAt);
        _output.WriteLine($"Observed: kill -> node 1 sole holder after {took.TotalMilliseconds:0} ms (interval 200 ms x 3); "
            + $"two holders for {stats.LongestWithSeveralHolders.TotalMilliseconds:0} ms, none for {stats.LongestWithoutHolder.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task Equal_priorities_give_exactly_one_holder()
    {
        await using var cluster = await LiveCluster.StartAsync(10, 10, 10);
        cluster.StartAll();
        await cluster.EventuallyAsync(() => cluster.Holders.Count == 1
            && Enumerable.Range(0, 3).Count(i => cluster[i].GetSnapshot().Role == NodeRole.Master) == 1
            && Enumerable.Range(0, 3).Count(i => cluster[i].GetSnapshot().Role == NodeRole.Backup) == 2, "one master, two backups");
        await Task.Delay(LiveCluster.Interval * 5);

        var expected = Enumerable.Range(0, 3).OrderBy(i => cluster.Nodes[i].InstanceId,
            System.Collections.Generic.Comparer<Guid>.Create(ElectionCandidate.CompareIdentities)).First();
        Assert.Equal(new[] { cluster.Id(expected) }, cluster.Holders);
        Assert.Equal(1, cluster.Stats().Changes);
    }

    [Fact]
    public async Task The_better_node_returning_takes_over_with_no_moment_without_holder()
    {
        await using var cluster = await LiveCluster.StartSettledAsync(10, 20, 30);
        cluster[0].Kill();
        await cluster.EventuallyAsync(() => OnlyHolder(cluster, 1), "failover to node 1");

        var returnedAt = DateTimeOffset.UtcNow;
        cluster.Start(0);
        var took = await cluster.EventuallyAsync(() => OnlyHolder(cluster, 0), "node 0 back as sole holder");
        // A node restarted before the survivor's detach of it was done gets the Elastic IP back at once, in its
        // hold-off (it may believe it still holds it); it is master once the hold-off is over.
        await cluster.EventuallyAsync(() => cluster[0].GetSnapshot().Role == NodeRole.Master, "node 0 master");

        // Counted from the return: in the unplanned failover before it, the dead node's detach runs beside the
        // survivor's attach and may land a few milliseconds first (the dead node served nothing meanwhile).
        var stats = cluster.Stats(returnedAt);
        Assert.True(stats.LongestWithoutHolder == TimeSpan.Zero, cluster.Describe());
        Assert.True(OnlyHolder(cluster, 0), cluster.Describe());
        _output.WriteLine($"Observed: restart of the better node -> sole holder after {took.TotalMilliseconds:0} ms, "
            + $"two holders for {stats.LongestWithSeveralHolders.TotalMilliseconds:0} ms, none for {stats.LongestWithoutHolder.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task A_graceful_stop_of_the_master_hands_over_with_no_moment_without_holder()
    {
        await using var cluster = await LiveCluster.StartSettledAsync(10, 20, 30);
        var clock = Stopwatch.StartNew();
        await cluster[0].StopAsync().WaitAsync(LiveCluster.Deadline);
        var took = clock.Elapsed;

        Assert.True(OnlyHolder(cluster, 1), cluster.Describe());
        Assert.True(cluster.Stats().LongestWithoutHolder == TimeSpan.Zero, cluster.Describe());
        Assert.Equal(WatchdogStatus.Stopped, cluster[0].GetSnapshot().Status);
        _output.WriteLine($"Observed: graceful stop of the master completed after {took.TotalMilliseconds:0} ms with the backup holding");
    }

    [Fact]
    public async Task Api_faults_during_a_failover_delay_it_but_it_converges()
    {
        await using var cluster = await LiveCluster.StartSettledAsync(10, 20, 30);
        cluster.Emulator.Faults.Add(new FaultRule { PathPattern = "^/v2/elastic-ip/.*:(attach|detach)$", StatusCode = 503, Count = 12 });

        cluster[0].Kill();
        var took = await cluster.EventuallyAsync(() => OnlyHolder(cluster, 1), "node 1 sole holder despite 503s");

        Assert.True(cluster[1].Counters.ApiRetries > 0, "the client gave up at least once and the watchdog tried again");
        _output.WriteLine($"Observed: failover through 12 answers 503 took {took.TotalMilliseconds:0} ms, watchdog retries {cluster[1].Counters.ApiRetries}");
    }

    [Fact]
    public async Task Spoofed_adverts_from_a_non_peer_address_change_nothing()
    {
        await using var cluster = await LiveCluster.StartSettledAsync(10, 20, 30);
        using var spoofer = new UdpClient(new IPEndPoint(IPAddress.Parse("127.0.0.9"), 0));
        var forged = new Advertisement(0, IPAddress.Parse(LiveCluster.ElasticIpAddress), Guid.NewGuid()).Encode();
        for (var round = 0; round < 20; round++)
        {
            foreach (var node in cluster.Nodes) await spoofer.SendAsync(forged, forged.Length, node.Bind);
            await Task.Delay(20);
        }
        await cluster.EventuallyAsync(() => Enumerable.Range(0, 3).All(i => cluster[i].Counters.Dropped(DatagramDropReason.UnknownSource) == 20),
            "every forged advert counted");

        Assert.True(OnlyHolder(cluster, 0), cluster.Describe());
        Assert.Equal(1, cluster.Stats().Changes);
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal(1, cluster[i].Counters.Transitions));
    }
}
