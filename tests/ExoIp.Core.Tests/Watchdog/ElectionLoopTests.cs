using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ExoIp.Election;
using ExoIp.Exoscale;
using ExoIp.Watchdog;

namespace ExoIp.Tests.Watchdog;

public class ElectionLoopTests
{
    [Fact]
    public async Task Three_nodes_elect_the_best_one_which_alone_attaches_the_elastic_ip()
    {
        await using var cluster = new TestCluster(10, 20, 30);
        cluster.StartAll();
        await cluster.RunForAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(new[] { NodeRole.Master, NodeRole.Backup, NodeRole.Backup }, cluster.Nodes.Select(n => n.Role));
        Assert.Equal(new[] { cluster[0].Id }, cluster.Holders);
        Assert.Single(cluster.History);
        Assert.All(cluster.Nodes, n => Assert.Equal(n == cluster[0], n.Snapshot.HoldsElasticIp));
        // Every node agrees on the master and sees the others alive with their instance ids.
        foreach (var node in cluster.Nodes.Skip(1))
        {
            var master = Assert.Single(node.Snapshot.Peers, p => p.IsMaster);
            Assert.Equal(cluster[0].Address, master.Address);
            Assert.All(node.Snapshot.Peers, p => Assert.True(p.IsAlive));
            Assert.Equal(cluster.Nodes.Where(n => n != node).Select(n => (Guid?)n.InstanceId).OrderBy(i => i),
                node.Snapshot.Peers.Select(p => p.InstanceId).OrderBy(i => i));
        }
        var changed = Assert.Single(cluster[0].EventsOf(WatchdogEventKind.StateChanged));
        Assert.Equal(NodeRole.Master, changed.Role);
        Assert.Equal(ElectionReason.BestPriority, changed.Reason);
        Assert.Equal(ElectionReason.BeatenByPriority, Assert.Single(cluster[1].EventsOf(WatchdogEventKind.StateChanged)).Reason);
    }

    [Fact]
    public async Task Nothing_is_decided_or_attached_during_the_hold_off_while_a_peer_is_unheard()
    {
        await using var cluster = new TestCluster(10, 20, 30);
        cluster[0].Start();
        cluster[1].Start(); // node 2 never runs: its silence is only told from a death by a whole hold-off
        var started = cluster.Time.GetUtcNow();
        var holdOff = cluster[0].Options.Timing.HoldOff;
        await cluster.RunUntilAsync(() => cluster.Holders.Count == 1, TimeSpan.FromSeconds(10), "a holder");

        var attach = Assert.Single(cluster.Api.Calls, c => c.Method == "AttachElasticIp");
        Assert.True(attach.StartedAt >= started + holdOff, $"attached at {attach.StartedAt - started}, before the hold-off of {holdOff}");
        foreach (var node in new[] { cluster[0], cluster[1] })
            Assert.True(node.EventsOf(WatchdogEventKind.StateChanged).First().Timestamp >= started + holdOff);
    }

    [Fact]
    public async Task A_node_that_hears_every_peer_decides_then_without_waiting_out_its_hold_off()
    {
        await using var cluster = new TestCluster(10, 20);
        cluster.StartAll();
        var started = cluster.Time.GetUtcNow();
        var holdOff = cluster[0].Options.Timing.HoldOff;
        await cluster.RunUntilAsync(() => cluster.Holders.Count == 1, TimeSpan.FromSeconds(10), "a holder");

        Assert.Equal(new[] { cluster[0].Id }, cluster.Holders);
        foreach (var node in cluster.Nodes)
        {
            var heard = node.EventsOf(WatchdogEventKind.PeerUp).First().Timestamp;
            var verdict = node.EventsOf(WatchdogEventKind.StateChanged).First().Timestamp;
            Assert.True(verdict >= heard && verdict < started + holdOff, $"heard its peer at {heard - started}, decided at {verdict - started} (hold-off {holdOff})");
        }
        var attach = Assert.Single(cluster.Api.Calls, c => c.Method == "AttachElasticIp");
        Assert.True(attach.StartedAt < started + holdOff, $"attached at {attach.StartedAt - started}");
    }

    [Fact]
    public async Task Equal_priorities_give_exactly_one_holder_the_lowest_identity()
    {
        await using var cluster = new TestCluster(10, 10, 10);
        cluster.StartAll();
        await cluster.RunForAsync(TimeSpan.FromSeconds(10));

        var expected = cluster.Nodes.OrderBy(n => n.InstanceId, Comparer<Guid>.Create(ElectionCandidate.CompareIdentities)).First();
        Assert.Equal(new[] { expected.Id }, cluster.Holders);
        Assert.Equal(NodeRole.Master, expected.Role);
        Assert.All(cluster.Nodes.Where(n => n != expected), n => Assert.Equal(NodeRole.Backup, n.Role));
        Assert.Equal(ElectionReason.WonTieBreak, Assert.Single(expected.EventsOf(WatchdogEventKind.StateChanged)).Reason);
    }

    [Fact]
    public async Task A_single_node_whose_peers_never_start_becomes_master()
    {
        await using var cluster = new TestCluster(50, 10);
        cluster[0].Start();
        await cluster.RunForAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(NodeRole.Master, cluster[0].Role);
        Assert.Equal(new[] { cluster[0].Id }, cluster.Holders);
        // It checked the silent peer once (it might hold the Elastic IP from before) and found nothing to do: a look,
        // not a detach, since the split watch's listing had shown it without the address (holding it later, it would
        // have taken it beyond a split).
        var peerCalls = cluster.Api.Calls.Where(c => c.Target == cluster[1].Id).ToList();
        Assert.Equal("GetInstance", Assert.Single(peerCalls).Method);
        Assert.Empty(Assert.IsType<Instance>(peerCalls[0].Result).ElasticIps!);
    }

    [Fact]
    public async Task Adverts_go_to_every_peer_every_interval_and_an_idle_cluster_makes_no_api_call_between_reconciliations()
    {
        await using var cluster = new TestCluster(new byte[] { 10, 20, 30 }, o => o with { ReconcileInterval = TimeSpan.FromMinutes(5) });
        cluster.StartAll();
        await cluster.RunForAsync(TimeSpan.FromSeconds(10));
        var calls = cluster.Api.Calls.Count;
        var sent = cluster[0].Engine.Counters.AdvertisementsSent;

        await cluster.RunForAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(calls, cluster.Api.Calls.Count);
        Assert.Equal(sent + 2 * 60, cluster[0].Engine.Counters.AdvertisementsSent);
        Assert.Equal(cluster[1].Engine.Counters.DatagramsReceived, cluster[1].Engine.Counters.AdvertisementsAccepted);
        Assert.Equal(0, cluster[1].Engine.Counters.DatagramsDropped);
    }
}
