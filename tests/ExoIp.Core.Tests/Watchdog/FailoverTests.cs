using System;
using System.Linq;
using System.Threading.Tasks;
using ExoIp.Election;
using ExoIp.Watchdog;

namespace ExoIp.Tests.Watchdog;

public class FailoverTests
{
    private static FakeCall LastCall(TestCluster cluster, string method, TestNode target) =>
        cluster.Api.Calls.Last(c => c.Method == method && c.Target == target.Id);

    [Fact]
    public async Task When_the_master_dies_the_best_backup_attaches_then_detaches_the_dead_one()
    {
        await using var cluster = new TestCluster(10, 20, 30);
        cluster.Api.Delay = TimeSpan.FromSeconds(1);
        cluster.StartAll();
        await cluster.RunUntilSoleHolderAsync(cluster[0], TimeSpan.FromSeconds(15));
        await cluster.RunForAsync(TimeSpan.FromSeconds(5));
        var callsBefore = cluster.Api.Calls.Count;

        cluster[0].Kill();
        await cluster[0].Run.WaitAsync(TimeSpan.FromSeconds(10));
        await cluster.RunUntilSoleHolderAsync(cluster[1], TimeSpan.FromSeconds(15));

        Assert.Equal(NodeRole.Master, cluster[1].Role);
        Assert.Equal(NodeRole.Backup, cluster[2].Role);
        var attach = LastCall(cluster, "AttachElasticIp", cluster[1]);
        var detach = LastCall(cluster, "DetachElasticIp", cluster[0]);
        // Attach first: were the detach to land and the attach hang or be refused, nobody would hold it.
        Assert.True(attach.EndedAt <= detach.StartedAt, $"attach {attach} should end before detach {detach} starts");
        Assert.Equal(true, attach.Result);
        Assert.Equal(true, detach.Result);
        // Only the new master acts on the dead node: no survivor detaches blindly. The other backup is only
        // looked at: a live backup lets go by itself.
        Assert.Single(cluster.Api.Calls.Skip(callsBefore), c => c.Target == cluster[0].Id);
        Assert.All(cluster.Api.Calls.Skip(callsBefore).Where(c => c.Target == cluster[2].Id && c.Method != "ListInstances"),
            c => Assert.Equal("GetInstance", c.Method));
        Assert.Equal(cluster[0].Address, Assert.Single(cluster[1].EventsOf(WatchdogEventKind.PeerDown)).PeerAddress);
        var killed = Assert.Single(cluster[0].EventsOf(WatchdogEventKind.Stopped));
        Assert.StartsWith("Killed", killed.Message);
        Assert.Equal(true, killed.HoldsElasticIp); // as the API last said: a crash leaves it where it was
    }

    [Fact]
    public async Task A_killed_node_makes_no_api_call_and_stops_advertising()
    {
        await using var cluster = new TestCluster(10, 20);
        cluster.StartAll();
        await cluster.RunForAsync(TimeSpan.FromSeconds(6));
        var sent = cluster[0].Engine.Counters.AdvertisementsSent;
        var calls = cluster[0].Engine.Counters.ApiCalls;

        cluster[0].Kill();
        await cluster.RunForAsync(TimeSpan.FromSeconds(10));
        Assert.True(cluster[0].Run.IsCompletedSuccessfully);
        Assert.Equal(sent, cluster[0].Engine.Counters.AdvertisementsSent);
        Assert.Equal(calls, cluster[0].Engine.Counters.ApiCalls);
        Assert.Equal(WatchdogStatus.Stopped, cluster[0].Snapshot.Status);
    }

    [Fact]
    public async Task A_better_node_that_returns_takes_over_make_before_break()
    {
        await using var cluster = new TestCluster(10, 20, 30);
        cluster.Api.Delay = TimeSpan.FromSeconds(1);
        cluster.StartAll();
        await cluster.RunForAsync(TimeSpan.FromSeconds(8));
        cluster[0].Kill();
        await cluster[0].Run.WaitAsync(TimeSpan.FromSeconds(10));
        await cluster.RunUntilSoleHolderAsync(cluster[1], TimeSpan.FromSeconds(15));
        var mutationsBefore = cluster.Api.Mutations.Count;

        cluster[0].Start();
        await cluster.RunUntilSoleHolderAsync(cluster[0], TimeSpan.FromSeconds(20));

        Assert.Equal(TimeSpan.Zero, cluster.LongestWithoutHolder);
        var handover = cluster.Api.Mutations.Skip(mutationsBefore).Select(m => (m.Kind, cluster.NameOf(m.Instance))).ToList();
        Assert.Equal(new[] { ("attach", "10.0.0.2"), ("detach", "10.0.0.3") }, handover);
        Assert.Equal(NodeRole.Master, cluster[0].Role);
        Assert.Equal(NodeRole.Backup, cluster[1].Role);
        // The old master learns it was let go at its next look at the API.
        await cluster.RunUntilAsync(() => cluster[1].Snapshot.HoldsElasticIp == false, TimeSpan.FromSeconds(30), "node 1 knows it let go");
    }

    [Fact]
    public async Task A_priority_change_moves_mastership_make_before_break()
    {
        await using var cluster = new TestCluster(10, 20, 30);
        cluster.Api.Delay = TimeSpan.FromMilliseconds(500);
        cluster.StartAll();
        await cluster.RunForAsync(TimeSpan.FromSeconds(8));
        var mutationsBefore = cluster.Api.Mutations.Count;
        var changedAt = cluster.Time.GetUtcNow();

        cluster[2].Engine.SetPriority(5);
        await cluster.RunUntilSoleHolderAsync(cluster[2], TimeSpan.FromSeconds(15));

        Assert.Equal(TimeSpan.Zero, cluster.LongestWithoutHolder);
        var handover = cluster.Api.Mutations.Skip(mutationsBefore).Select(m => (m.Kind, cluster.NameOf(m.Instance))).ToList();
        Assert.Equal(new[] { ("attach", "10.0.0.4"), ("detach", "10.0.0.2") }, handover);
        // The old master lets go by itself once it sees the new one holding; the new one detaches it if it has not an
        // interval and its own attach's time after it got the address (both may ask; the API applies one). The two
        // holders last at most 2A + ε, A being here a check and a change of 500 ms each.
        await cluster.RunUntilAsync(() => cluster[0].Snapshot.HoldsElasticIp == false, TimeSpan.FromSeconds(30), "node 0 knows it let go");
        var history = cluster.Api.History(cluster.ElasticIp.Id).Where(h => h.At >= changedAt).ToList();
        var both = history.First(h => h.Holders.Length == 2).At;
        var one = history.First(h => h.At > both && h.Holders.Length == 1).At;
        Assert.InRange(one - both, TimeSpan.Zero, 2 * (2 * cluster.Api.Delay) + cluster[0].Options.Interval);
        Assert.Equal(5, cluster[2].Snapshot.Priority);
        Assert.Equal((byte?)5, cluster[1].Snapshot.Peers.Single(p => p.Address.Equals(cluster[2].Address)).Priority);
        Assert.Equal(NodeRole.Backup, cluster[0].Role);
    }

    [Fact]
    public void Priority_adjustments_are_clamped_to_the_wire_range()
    {
        var cluster = new TestCluster(10, 20);
        var engine = new WatchdogEngine(cluster[0].Options, cluster.Api, cluster.Time);
        Assert.Equal(9, engine.AdjustPriority(-1));
        Assert.Equal(0, engine.AdjustPriority(-300));
        Assert.Equal(0, engine.AdjustPriority(-1));
        Assert.Equal(255, engine.AdjustPriority(int.MaxValue));
        Assert.Equal(255, engine.AdjustPriority(1));
        engine.SetPriority(42);
        Assert.Equal(42, engine.Priority);
    }

    [Fact]
    public async Task In_a_partition_the_api_settles_on_the_best_node_and_healing_it_moves_nothing()
    {
        await using var cluster = new TestCluster(10, 20, 30);
        cluster.Api.Delay = TimeSpan.FromMilliseconds(500);
        cluster.StartAll();
        await cluster.RunForAsync(TimeSpan.FromSeconds(6));

        // Node 0 can no longer hear nor be heard by the others. Node 1 takes the Elastic IP, believing node 0 dead;
        // node 0, watching the API since its peers fell silent, takes it back; node 1 sees node 0 took it back and,
        // node 0 being better, defers to it although it cannot hear it (no ping-pong while the split lasts).
        var isolated = cluster[0].Address;
        var splitAt = cluster.Time.GetUtcNow();
        cluster.Network.Filter = (from, to) => !from.Equals(isolated) && !to.Equals(isolated);
        await cluster.RunUntilAsync(() => cluster[1].Role == NodeRole.Master, TimeSpan.FromSeconds(10), "node 1 takes over on its side");
        await cluster.RunUntilAsync(() => cluster.Holders.SequenceEqual(new[] { cluster[0].Id }) && cluster[1].Role == NodeRole.Backup,
            TimeSpan.FromSeconds(30), "node 0 alone holds it and node 1 defers to it through the API");
        var settledAt = cluster.Time.GetUtcNow();
        await cluster.RunForAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(new[] { cluster[0].Id }, cluster.Holders);
        Assert.DoesNotContain(cluster.History, h => h.At > settledAt);
        Assert.DoesNotContain(cluster.History.Where(h => h.At >= splitAt), h => h.Holders.Length == 0);

        cluster.Network.Filter = (_, _) => true;
        var healedAt = cluster.Time.GetUtcNow();
        await cluster.RunForAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(new[] { cluster[0].Id }, cluster.Holders);
        Assert.Equal((NodeRole.Master, NodeRole.Backup), (cluster[0].Role, cluster[1].Role));
        Assert.DoesNotContain(cluster.History, h => h.At >= healedAt);
    }

    [Fact]
    public async Task A_node_restarted_cut_off_from_its_peers_stays_out_rather_than_take_the_elastic_ip_from_the_master()
    {
        await using var cluster = await TestCluster.StartSettledAsync(new byte[] { 10, 20, 30 });
        var cutOff = cluster[2];
        cluster.Network.Filter = (from, to) => !from.Equals(cutOff.Address) && !to.Equals(cutOff.Address);
        cutOff.Kill();
        await cluster.RunForAsync(TimeSpan.FromSeconds(1));
        cutOff.Start();

        // It hears none of its two peers since its start, and the API lists one of them, running, as the holder.
        await cluster.RunUntilAsync(() => cutOff.Role == NodeRole.Fault, TimeSpan.FromSeconds(10), "the restarted node stays out");
        await cluster.RunForAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(NodeRole.Fault, cutOff.Role);
        Assert.Equal(new[] { cluster[0].Id }, cluster.Holders);
        Assert.Single(cluster.History);
        Assert.DoesNotContain(cluster.Api.Calls, c => c.Method == "AttachElasticIp" && c.Target == cutOff.Id);
        Assert.Contains(cutOff.EventsOf(WatchdogEventKind.StateChanged), e => e.Role == NodeRole.Fault && e.Message.Contains("cut off"));

        // Heard again, it is a backup like the others.
        cluster.Network.Filter = (_, _) => true;
        await cluster.RunUntilAsync(() => cutOff.Role == NodeRole.Backup, TimeSpan.FromSeconds(10), "the node, heard again, is a backup");
        Assert.Single(cluster.History);
    }

    [Fact]
    public async Task In_a_one_way_partition_the_master_nobody_hears_learns_it_lost_the_elastic_ip_and_the_best_node_keeps_it()
    {
        // Node 0's adverts are lost but it hears the others. Node 1 declares it dead, takes the Elastic IP and detaches
        // it from node 0; node 1's advert, sent at once as it becomes master, tells node 0 to look: node 0 takes the
        // address back, and node 1, seeing the silent node 0 take it back, defers to it. Reconciliation, which would
        // also notice, is kept out of the way.
        await using var cluster = new TestCluster(new byte[] { 10, 20, 30 }, o => o with { ReconcileInterval = TimeSpan.FromMinutes(5) });
        cluster.Api.Delay = TimeSpan.FromMilliseconds(500);
        cluster.StartAll();
        await cluster.RunUntilSoleHolderAsync(cluster[0], TimeSpan.FromSeconds(15));

        var muted = cluster[0].Address;
        cluster.Network.Filter = (from, _) => !from.Equals(muted);
        await cluster.RunUntilSoleHolderAsync(cluster[1], TimeSpan.FromSeconds(15));
        var takenAt = cluster.Time.GetUtcNow();
        await cluster.RunUntilSoleHolderAsync(cluster[0], TimeSpan.FromSeconds(15));
        await cluster.RunForAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(new[] { cluster[0].Id }, cluster.Holders);
        Assert.Equal((NodeRole.Master, NodeRole.Backup), (cluster[0].Role, cluster[1].Role));
        Assert.DoesNotContain(cluster.History.Where(h => h.At > takenAt), h => h.Holders.Length == 0);
        var settledAt = cluster.History.Last().At;

        cluster.Network.Filter = (_, _) => true;
        await cluster.RunForAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(new[] { cluster[0].Id }, cluster.Holders);
        Assert.DoesNotContain(cluster.History, h => h.At > settledAt);
    }

    [Fact]
    public async Task An_elastic_ip_lost_while_the_master_believes_it_holds_it_is_restored_by_the_next_reconciliation()
    {
        // As when master and backup acted at once on stale beliefs, each detaching the other: nobody holds the
        // Elastic IP, the master believes it does, and the backups know they do not.
        await using var cluster = new TestCluster(10, 20, 30);
        cluster.StartAll();
        await cluster.RunUntilSoleHolderAsync(cluster[0], TimeSpan.FromSeconds(15));
        await cluster.SettleAsync();

        await cluster.Api.DetachElasticIpAsync(cluster.ElasticIp.Id, cluster[0].Id.ToString()); // no delay: the test's own call
        var lostAt = cluster.Time.GetUtcNow();
        await cluster.RunUntilSoleHolderAsync(cluster[0], TimeSpan.FromSeconds(60));

        Assert.True(cluster.Time.GetUtcNow() - lostAt <= new WatchdogOptions().ReconcileInterval + TimeSpan.FromSeconds(2),
            $"restored after {cluster.Time.GetUtcNow() - lostAt} of fake time");
        Assert.Equal(NodeRole.Master, cluster[0].Role);
    }

    [Fact]
    public async Task A_node_that_did_not_run_for_a_while_does_not_blame_its_peers()
    {
        // A paused process (an overloaded host) wakes to a liveness deadline before it reads the adverts
        // waiting in its socket: the silence was its own, and must not make it declare its peers dead.
        await using var cluster = new TestCluster(10, 20, 30);
        cluster.StartAll();
        await cluster.RunForAsync(TimeSpan.FromSeconds(6));

        cluster.Time.Advance(TimeSpan.FromSeconds(5));
        await cluster.RunForAsync(TimeSpan.FromSeconds(5));

        cluster.AssertStable(cluster[0]);
    }

    [Fact]
    public async Task A_stall_during_the_hold_off_extends_it_so_nodes_still_hear_each_other_first()
    {
        await using var cluster = new TestCluster(10, 20, 30);
        cluster.StartAll(); // one after the other: the first adverts to nodes not yet listening are lost

        cluster.Time.Advance(TimeSpan.FromSeconds(4)); // past the hold-off before anyone read a second advert
        await cluster.RunForAsync(TimeSpan.FromSeconds(6));

        cluster.AssertStable(cluster[0]);
    }

    [Fact]
    public async Task Slow_api_calls_never_delay_adverts_so_no_healthy_master_is_declared_dead()
    {
        // The original held a lock across 4 s API calls, went silent and flapped (20 holder changes in 45 s).
        await using var cluster = new TestCluster(10, 20, 30);
        cluster.Api.Delay = TimeSpan.FromSeconds(4);
        cluster.StartAll();
        await cluster.RunForAsync(TimeSpan.FromSeconds(45));

        cluster.AssertStable(cluster[0]);
    }
}
