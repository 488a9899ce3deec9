using System;
using System.Linq;
using System.Threading.Tasks;
using ExoIp.Election;
using ExoIp.Watchdog;

namespace ExoIp.Tests.Watchdog;

public class InstancePoolTests
{
    private const string PoolId = "5b7d9f1a-3c4e-4f6a-8b0d-2e4f6a8b0c1d";
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_cluster_from_an_Instance_Pool_elects_one_holder_and_follows_a_member_leaving_the_pool()
    {
        await using var cluster = new TestCluster(new byte[] { 10, 20, 30 },
            o => o with { Peers = null, InstancePool = "web-pool", PeerRefreshInterval = Refresh });
        cluster.Api.SetInstancePool(PoolId, "web-pool", cluster.Nodes.Select(n => n.InstanceId));
        cluster.StartAll();
        await cluster.RunUntilSoleHolderAsync(cluster[0], TimeSpan.FromSeconds(20));
        await cluster.RunForAsync(TimeSpan.FromSeconds(3));

        Assert.Equal(new[] { NodeRole.Master, NodeRole.Backup, NodeRole.Backup }, cluster.Nodes.Select(n => n.Role));
        Assert.All(cluster.Nodes, n => Assert.Equal(2, n.Snapshot.Peers.Count));
        Assert.Contains("peers from Instance Pool 'web-pool'", Assert.Single(cluster[0].EventsOf(WatchdogEventKind.Started)).Message);

        // The pool evicts node 2 (scaled in): it is destroyed, and the others follow at their next listing.
        cluster[2].Kill();
        cluster.Api.SetInstancePool(PoolId, "web-pool", new[] { cluster[0].InstanceId, cluster[1].InstanceId });
        await cluster.RunUntilAsync(() => cluster.Nodes.Take(2).All(n => n.Snapshot.Peers.Count == 1), Refresh * 2, "the pool's members follow the eviction");

        foreach (var node in cluster.Nodes.Take(2))
            Assert.Equal(cluster[2].InstanceId.ToString(), Assert.Single(node.EventsOf(WatchdogEventKind.PeerLeft)).InstanceId);
        Assert.Equal(new[] { cluster[0].Id }, cluster.Holders);
        Assert.Equal(NodeRole.Master, cluster[0].Role);
    }

    [Fact]
    public void InstancePool_is_exclusive_with_the_other_peer_sources()
    {
        var valid = new WatchdogOptions
        {
            ElasticIp = System.Net.IPAddress.Parse("198.51.100.50"), InstanceId = Guid.NewGuid(), InstancePool = "web-pool",
        };
        Assert.Empty(valid.Validate());
        Assert.Contains("exclusive", Assert.Single((valid with { PeerGroup = "web" }).Validate()).Message);
        Assert.Contains("exclusive", Assert.Single((valid with { Peers = new[] { System.Net.IPAddress.Parse("10.0.0.2") } }).Validate()).Message);
        Assert.Contains("must not be blank", Assert.Single((valid with { InstancePool = " " }).Validate()).Message);
    }
}
