using System;
using System.Linq;
using System.Threading.Tasks;
using ExoIp.Election;
using ExoIp.Preemption;
using ExoIp.Watchdog;

namespace ExoIp.Tests.Watchdog;

/// <summary>-NoPreempt and -PreemptDelay on the fake clock: who holds the Elastic IP when a better node comes back.</summary>
public class PreemptionTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    // Node 0 (priority 10) with the rule, node 1 (priority 20) without; node 0 wins the start, is killed, node 1
    // takes over, and node 0 comes back: what the test then watches.
    private static async Task<TestCluster> BetterNodeReturnsAsync(Func<WatchdogOptions, WatchdogOptions> rule)
    {
        var cluster = new TestCluster(10, 20);
        cluster[0].Options = rule(cluster[0].Options);
        cluster.StartAll();
        await cluster.RunUntilSoleHolderAsync(cluster[0], TimeSpan.FromSeconds(15)); // nobody held it: no rule holds anyone back
        cluster[0].Kill();
        await cluster[0].Run.WaitAsync(TimeSpan.FromSeconds(10));
        await cluster.RunUntilSoleHolderAsync(cluster[1], TimeSpan.FromSeconds(15));
        await cluster.RunForAsync(TimeSpan.FromSeconds(2));
        cluster[0].Start();
        return cluster;
    }

    private static int Attaches(TestCluster cluster, TestNode node, DateTimeOffset since) =>
        cluster.Api.Calls.Count(c => c.Method == "AttachElasticIp" && c.Target == node.Id && c.StartedAt >= since);

    [Fact]
    public async Task A_no_preempt_node_that_comes_back_leaves_the_Elastic_IP_with_the_live_holder()
    {
        await using var cluster = await BetterNodeReturnsAsync(o => o with { NoPreempt = true });
        var since = cluster.Time.GetUtcNow();

        await cluster.RunForAsync(Long);

        Assert.Equal(new[] { cluster[1].Id }, cluster.Holders);
        Assert.Equal((NodeRole.Backup, AdvertisedPriority.Deferring), (cluster[0].Role, cluster[0].Snapshot.AdvertisedPriority));
        Assert.Equal((NodeRole.Master, (byte)20), (cluster[1].Role, cluster[1].Snapshot.AdvertisedPriority));
        Assert.Equal(0, Attaches(cluster, cluster[0], since));
        Assert.DoesNotContain(cluster[1].EventsOf(WatchdogEventKind.StateChanged), e => e.Timestamp > since);
    }

    [Fact]
    public async Task A_no_preempt_node_takes_over_when_the_holder_dies_and_keeps_it_when_that_one_returns()
    {
        await using var cluster = await BetterNodeReturnsAsync(o => o with { NoPreempt = true });
        await cluster.RunForAsync(TimeSpan.FromSeconds(10));

        cluster[1].Kill();
        await cluster[1].Run.WaitAsync(TimeSpan.FromSeconds(10));
        await cluster.RunUntilSoleHolderAsync(cluster[0], TimeSpan.FromSeconds(15));
        Assert.Equal((NodeRole.Master, (byte)10), (cluster[0].Role, cluster[0].Snapshot.AdvertisedPriority));

        cluster[1].Start(); // worse anyway: it stays backup
        await cluster.RunForAsync(Long);
        Assert.Equal(new[] { cluster[0].Id }, cluster.Holders);
    }

    [Fact]
    public async Task A_preempt_delay_takes_the_Elastic_IP_back_only_after_the_delay_without_a_moment_without_holder()
    {
        var delay = TimeSpan.FromSeconds(20);
        await using var cluster = await BetterNodeReturnsAsync(o => o with { PreemptDelay = delay });
        var since = cluster.Time.GetUtcNow();
        var holdOff = cluster[0].Options.Timing.HoldOff;

        // Counted from the end of the hold-off: up to a second before it ends, node 1 still holds it.
        await cluster.RunForAsync(holdOff + delay - TimeSpan.FromSeconds(1));
        Assert.Equal(new[] { cluster[1].Id }, cluster.Holders);
        Assert.Equal(AdvertisedPriority.Deferring, cluster[0].Snapshot.AdvertisedPriority);
        Assert.Equal(0, Attaches(cluster, cluster[0], since));

        var took = await cluster.RunUntilSoleHolderAsync(cluster[0], TimeSpan.FromSeconds(15));
        Assert.Equal((NodeRole.Master, NodeRole.Backup), (cluster[0].Role, cluster[1].Role));
        var handover = cluster.History.Where(h => h.At >= since).ToList();
        Assert.DoesNotContain(handover, h => h.Holders.Length == 0);
        Assert.True(took < TimeSpan.FromSeconds(10), $"took {took} after the delay");
    }

    [Fact]
    public async Task Without_a_rule_the_better_node_takes_the_Elastic_IP_back_once_its_hold_off_ends()
    {
        await using var cluster = await BetterNodeReturnsAsync(o => o);

        var took = await cluster.RunUntilSoleHolderAsync(cluster[0], TimeSpan.FromSeconds(20));

        Assert.True(took < cluster[0].Options.Timing.HoldOff + TimeSpan.FromSeconds(5), $"took {took}");
    }

    [Fact]
    public async Task No_preempt_nodes_started_together_agree_on_one_master_and_stay_with_it()
    {
        await using var cluster = new TestCluster(new byte[] { 10, 20, 30 }, o => o with { NoPreempt = true });
        cluster.StartAll();
        await cluster.RunUntilAsync(() => cluster.Holders.Count == 1 && cluster.Nodes.Count(n => n.Role == NodeRole.Master) == 1,
            TimeSpan.FromSeconds(20), "one master, one holder");
        var master = cluster.Nodes.Single(n => n.Role == NodeRole.Master);
        var since = cluster.Time.GetUtcNow();

        await cluster.RunForAsync(Long);

        Assert.Equal(new[] { master.Id }, cluster.Holders);
        Assert.All(cluster.Nodes, n => Assert.DoesNotContain(n.EventsOf(WatchdogEventKind.StateChanged), e => e.Timestamp > since));
    }
}
