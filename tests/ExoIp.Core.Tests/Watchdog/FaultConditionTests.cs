using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using ExoIp.Election;
using ExoIp.Watchdog;

namespace ExoIp.Tests.Watchdog;

/// <summary>The Fault reasons that keep a node from holding the Elastic IP whatever the election says (besides health).</summary>
public class FaultConditionTests
{
    [Fact]
    public async Task A_master_whose_attach_is_refused_steps_aside_and_a_backup_that_can_attach_holds_it()
    {
        // Seen: an IAM role without attach-instance-to-elastic-ip left the Elastic IP on nobody for as long as it ran.
        await using var cluster = new TestCluster(new byte[] { 10, 20, 30 }, o => o with { ReconcileInterval = TimeSpan.FromSeconds(10) });
        cluster.Api.RefuseAttachTo(cluster[0].InstanceId);
        cluster.StartAll();

        await cluster.RunUntilSoleHolderAsync(cluster[1], TimeSpan.FromSeconds(20));
        Assert.Equal(NodeRole.Fault, cluster[0].Role);
        Assert.Contains("refused", cluster[0].Snapshot.LastTransitionReason);
        Assert.Equal(255, cluster[0].Snapshot.AdvertisedPriority);

        // It tries again at each reconciliation (its role may have been granted since), and nothing moves meanwhile.
        var attachesBefore = cluster.Api.Calls.Count(c => c.Method == "AttachElasticIp" && c.Target == cluster[0].Id);
        await cluster.RunForAsync(TimeSpan.FromSeconds(25));
        Assert.True(cluster.Api.Calls.Count(c => c.Method == "AttachElasticIp" && c.Target == cluster[0].Id) > attachesBefore);
        Assert.Equal(new[] { cluster[1].Id }, cluster.Holders);
        Assert.Single(cluster.History);
    }

    [Fact]
    public async Task One_refusal_is_enough_to_step_aside()
    {
        // A 403 is the key's role speaking, which no retry changes; waiting for a second one (a backoff later) kept the
        // master announcing Master without the Elastic IP past the contract's bound (campaign seed 2).
        await using var cluster = new TestCluster(new byte[] { 10, 20 });
        cluster.Api.RefuseAttachTo(cluster[0].InstanceId);
        cluster.StartAll();

        await cluster.RunUntilAsync(() => cluster[0].Role == NodeRole.Fault, TimeSpan.FromSeconds(20), "node 0 in Fault");
        Assert.Equal(1, cluster.Api.Calls.Count(c => c.Method == "AttachElasticIp" && c.Target == cluster[0].Id));
    }

    [Fact]
    public async Task A_holder_removed_from_its_group_but_still_running_hands_over_and_never_takes_the_elastic_ip_back()
    {
        // Seen: the holder left the pool but kept running, and took the Elastic IP back at every reconciliation.
        var refresh = TimeSpan.FromSeconds(5);
        await using var cluster = new TestCluster(new byte[] { 10, 20, 30 },
            o => o with { Peers = null, PeerGroup = TestCluster.GroupId, PeerRefreshInterval = refresh, ReconcileInterval = TimeSpan.FromSeconds(6) });
        cluster.StartAll();
        await cluster.RunUntilSoleHolderAsync(cluster[0], TimeSpan.FromSeconds(15));

        cluster.Api.SetGroups(cluster[0].InstanceId);
        await cluster.RunUntilSoleHolderAsync(cluster[1], refresh + TimeSpan.FromSeconds(5));
        var changes = cluster.History.Count;
        await cluster.RunForAsync(TimeSpan.FromSeconds(40));

        Assert.Equal(new[] { cluster[1].Id }, cluster.Holders);
        Assert.Equal(changes, cluster.History.Count);
        Assert.Equal(TimeSpan.Zero, cluster.LongestWithoutHolder);
        Assert.Equal(NodeRole.Fault, cluster[0].Role);
        Assert.Contains("no longer lists it", cluster[0].Snapshot.LastTransitionReason);
    }

    [Fact]
    public async Task A_node_with_a_mistyped_peer_list_neither_takes_the_elastic_ip_nor_detaches_the_master_even_when_stopped()
    {
        // Seen: a node started with -p 127.0.0.250 heard nobody, became master of a group of one, detached the healthy
        // master as a stray holder, and detached itself on SIGTERM: no holder for 15.7 s.
        var typo = IPAddress.Parse("10.0.0.250");
        await using var cluster = new TestCluster(new byte[] { 10, 20, 5 }, o => o.Bind!.Address.Equals(IPAddress.Parse("10.0.0.4"))
            ? o with { Peers = new[] { typo } }
            : o with { Peers = o.Peers!.Where(p => !p.Equals(IPAddress.Parse("10.0.0.4"))).ToList() });
        cluster[0].Start();
        cluster[1].Start();
        await cluster.RunUntilSoleHolderAsync(cluster[0], TimeSpan.FromSeconds(15));

        cluster[2].Start();
        await cluster.RunUntilAsync(() => cluster[2].Role == NodeRole.Fault, TimeSpan.FromSeconds(15), "the newcomer stays out");
        await cluster.RunForAsync(TimeSpan.FromSeconds(20));
        Assert.Contains("no peer is heard", cluster[2].Snapshot.LastTransitionReason);
        await cluster[2].Engine.StopAsync().WaitAsync(TimeSpan.FromSeconds(20));
        await cluster.RunForAsync(TimeSpan.FromSeconds(2));

        Assert.Equal(new[] { cluster[0].Id }, cluster.Holders);
        Assert.Single(cluster.History);
        Assert.DoesNotContain(cluster.Api.Calls, c => c.Method is "AttachElasticIp" or "DetachElasticIp" && c.Target != cluster[0].Id && c.Target != cluster[1].Id);
        Assert.DoesNotContain(cluster.Api.Calls, c => c.Method == "DetachElasticIp" && c.Target == cluster[0].Id);
    }
}
