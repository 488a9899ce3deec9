using System;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Election;
using ExoIp.Watchdog;

namespace ExoIp.Tests.Watchdog;

/// <summary>How often an idle engine's loop passes: each wake-up is CPU an idle watchdog spends.</summary>
public class LoopPaceTests
{
    [Fact]
    public async Task A_node_that_hears_its_peers_passes_at_their_adverts_and_is_never_woken_only_to_look_at_the_time()
    {
        await using var cluster = new TestCluster(10, 20, 30);
        var passes = new PassCounter();
        cluster[1].Start(observer: passes);
        // The others start 0.3 s later: their adverts come between this node's own interval marks, where a loop
        // that looked at the time on a cadence of its own would be woken for nothing.
        await cluster.RunForAsync(TimeSpan.FromMilliseconds(300));
        cluster[0].Start();
        cluster[2].Start();
        await cluster.RunForAsync(TimeSpan.FromSeconds(12));
        var node = cluster[1].Engine;
        Assert.Equal(NodeRole.Backup, cluster[1].Role);
        var (passesBefore, receivedBefore, callsBefore) = (passes.Count, node.Counters.DatagramsReceived, node.Counters.ApiCalls);

        // 15 intervals, ending before the backup's first reconciliation (30 s): its adverts are all that comes in.
        await cluster.RunForAsync(TimeSpan.FromSeconds(15));

        var received = node.Counters.DatagramsReceived - receivedBefore;
        Assert.Equal(0, node.Counters.ApiCalls - callsBefore);
        Assert.True(received >= 28, $"heard {received} adverts in 15 intervals from two peers");
        // At most one pass per advert; a loop that also looked at the time on a cadence of its own, or an interval
        // after its last pass (racing the peers' next adverts), passes more.
        Assert.InRange(passes.Count - passesBefore, 1, received);
    }

    [Fact]
    public async Task A_node_that_hears_nobody_still_passes_at_least_once_an_interval()
    {
        await using var cluster = new TestCluster(10, 20);
        var passes = new PassCounter();
        cluster[0].Start(observer: passes); // its peer never runs
        await cluster.RunForAsync(TimeSpan.FromSeconds(10));
        var before = passes.Count;

        await cluster.RunForAsync(TimeSpan.FromSeconds(10));

        // No advert comes in, yet the loop passes at least once an interval (its own stalls are measured by that): here the
        // split watch's listing of the holders, every interval for a master that hears no peer, brings it; without it, its
        // look at the time would, an interval and a half after its last pass.
        Assert.True(passes.Count - before >= 10, $"{passes.Count - before} passes in 10 intervals");
    }

    private sealed class PassCounter : ILoopObserver
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void OnLoopPass(WatchdogSnapshot snapshot) => Interlocked.Increment(ref _count);
    }
}
