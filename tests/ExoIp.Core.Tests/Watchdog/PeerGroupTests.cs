using System;
using System.Linq;
using System.Threading.Tasks;
using ExoIp.Election;
using ExoIp.Watchdog;

namespace ExoIp.Tests.Watchdog;

public class PeerGroupTests
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Peers_come_from_the_security_group_and_follow_its_membership()
    {
        await using var cluster = new TestCluster(new byte[] { 10, 20, 30 },
            o => o with { Peers = null, PeerGroup = "cluster", PeerRefreshInterval = Refresh });
        var outsider = Guid.NewGuid();
        cluster.Api.AddInstance(outsider, "10.0.0.50", "running");
        var stopped = Guid.NewGuid();
        cluster.Api.AddInstance(stopped, "10.0.0.51", "stopped", TestCluster.GroupId);
        cluster.StartAll();
        await cluster.RunForAsync(TimeSpan.FromSeconds(6));

        Assert.Equal(new[] { cluster[0].Id }, cluster.Holders);
        Assert.Equal(new[] { NodeRole.Master, NodeRole.Backup, NodeRole.Backup }, cluster.Nodes.Select(n => n.Role));
        foreach (var node in cluster.Nodes)
        {
            Assert.Equal(cluster.Nodes.Where(n => n != node).Select(n => n.Address.ToString()).OrderBy(a => a),
                node.Snapshot.Peers.Select(p => p.Address.ToString()));
            Assert.Equal(2, node.EventsOf(WatchdogEventKind.PeerJoined).Count());
        }

        // A fourth instance joins the group, then leaves it.
        cluster.Api.SetGroups(outsider, TestCluster.GroupId);
        await cluster.RunForAsync(Refresh);
        Assert.All(cluster.Nodes, n => Assert.Contains(n.Snapshot.Peers, p => p.InstanceId == outsider));
        cluster.Api.SetGroups(outsider);
        await cluster.RunForAsync(Refresh);
        Assert.All(cluster.Nodes, n =>
        {
            Assert.DoesNotContain(n.Snapshot.Peers, p => p.InstanceId == outsider);
            Assert.Equal(outsider.ToString(), Assert.Single(n.EventsOf(WatchdogEventKind.PeerLeft)).InstanceId);
        });
    }

    [Fact]
    public async Task The_best_node_leaving_the_group_leaves_the_election_of_the_others()
    {
        await using var cluster = new TestCluster(new byte[] { 10, 20, 30 },
            o => o with { Peers = null, PeerGroup = TestCluster.GroupId, PeerRefreshInterval = Refresh });
        cluster.StartAll();
        await cluster.RunForAsync(TimeSpan.FromSeconds(6));
        Assert.Equal(NodeRole.Backup, cluster[1].Role);

        cluster.Api.SetGroups(cluster[0].InstanceId);
        await cluster.RunForAsync(Refresh);

        Assert.Equal(NodeRole.Master, cluster[1].Role);
        Assert.Equal(NodeRole.Backup, cluster[2].Role);
        Assert.DoesNotContain(cluster[2].Snapshot.Peers, p => p.Address.Equals(cluster[0].Address));
    }

    [Fact]
    public async Task An_unknown_group_is_a_warning_retried_not_a_crash()
    {
        await using var cluster = new TestCluster(new byte[] { 10 }, o => o with { Peers = null, PeerGroup = "nope" });
        cluster.StartAll();
        await cluster.RunForAsync(TimeSpan.FromSeconds(6));
        Assert.True(cluster[0].IsRunning);
        Assert.Contains(cluster[0].EventsOf(WatchdogEventKind.Warning), e => e.Message.Contains("No security group is named 'nope'"));
        Assert.Equal(NodeRole.Master, cluster[0].Role);
    }
}
