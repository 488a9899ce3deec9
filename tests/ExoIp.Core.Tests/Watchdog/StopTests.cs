using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Election;
using ExoIp.Tests.Transport;
using ExoIp.Transport;
using ExoIp.Watchdog;

namespace ExoIp.Tests.Watchdog;

public class StopTests
{
    private static Task<TestCluster> SettledAsync(params byte[] priorities) =>
        TestCluster.StartSettledAsync(priorities, apiDelay: TimeSpan.FromMilliseconds(500));

    private static void AssertAttachFailed(TestCluster cluster, int callsBefore, TestNode target) =>
        Assert.True(cluster.Api.Calls.Skip(callsBefore).Any(c => c.Method == "AttachElasticIp" && c.Target == target.Id && c.Error is not null),
            $"the injected attach failure never fired. {cluster.Describe()}");

    [Fact]
    public async Task A_stopping_master_hands_over_make_before_break_then_stops()
    {
        await using var cluster = await SettledAsync(10, 20, 30);
        var mutationsBefore = cluster.Api.Mutations.Count;
        var callsBefore = cluster.Api.Calls.Count;
        // The successor's first attach fails: a node that let go before the successor held it would leave a gap.
        cluster.Api.FailNext("AttachElasticIp", 1);

        var stopped = cluster[0].Engine.StopAsync(releaseElasticIp: true);
        await cluster.RunUntilAsync(() => stopped.IsCompleted, cluster[0].Options.EffectiveStopTimeout, "the stop completes");

        AssertAttachFailed(cluster, callsBefore, cluster[1]);
        Assert.Equal(new[] { cluster[1].Id }, cluster.Holders);
        Assert.Equal(TimeSpan.Zero, cluster.LongestWithoutHolder);
        var handover = cluster.Api.Mutations.Skip(mutationsBefore).Select(m => (m.Kind, cluster.NameOf(m.Instance))).ToList();
        Assert.Equal(new[] { ("attach", "10.0.0.3"), ("detach", "10.0.0.2") }, handover);
        Assert.Equal((WatchdogStatus.Stopped, NodeRole.Stopped), (cluster[0].Snapshot.Status, cluster[0].Snapshot.Role));
        Assert.Equal(false, cluster[0].Snapshot.HoldsElasticIp);
        Assert.True(cluster[0].Run.IsCompletedSuccessfully);
        Assert.Equal(NodeRole.Master, cluster[1].Role);
        Assert.Contains(cluster[0].EventsOf(WatchdogEventKind.StateChanged), e => e.Role == NodeRole.Backup);
    }

    [Fact]
    public async Task A_node_stopped_during_its_hold_off_while_holding_the_elastic_ip_hands_it_over_make_before_break()
    {
        // A master restarted keeping the Elastic IP, then stopped again before its hold-off ended. A third node is down,
        // so the hold-off runs whole (a node that hears every peer ends it then).
        await using var cluster = await SettledAsync(10, 20, 30);
        cluster[2].Kill();
        await cluster[0].Engine.StopAsync(releaseElasticIp: false).WaitAsync(TimeSpan.FromSeconds(10));
        cluster[0].Start();
        await cluster.RunForAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(NodeRole.Starting, cluster[0].Role);
        Assert.Equal(NodeRole.Backup, cluster[1].Role);
        var mutationsBefore = cluster.Api.Mutations.Count;
        var callsBefore = cluster.Api.Calls.Count;
        // The successor's first attach fails: a node that let go before the successor held it would leave a gap.
        cluster.Api.FailNext("AttachElasticIp", 1);

        var stopped = cluster[0].Engine.StopAsync();
        await cluster.RunUntilAsync(() => stopped.IsCompleted, cluster[0].Options.EffectiveStopTimeout, "the stop completes");

        AssertAttachFailed(cluster, callsBefore, cluster[1]);
        Assert.Equal(new[] { cluster[1].Id }, cluster.Holders);
        Assert.Equal(TimeSpan.Zero, cluster.LongestWithoutHolder);
        var handover = cluster.Api.Mutations.Skip(mutationsBefore).Select(m => (m.Kind, cluster.NameOf(m.Instance))).ToList();
        Assert.Equal(new[] { ("attach", "10.0.0.3"), ("detach", "10.0.0.2") }, handover);
        Assert.Equal(false, cluster[0].Snapshot.HoldsElasticIp);
        Assert.Equal(NodeRole.Master, cluster[1].Role);
    }

    [Fact]
    public async Task A_node_stopped_during_its_hold_off_with_no_live_peer_lets_go_of_the_elastic_ip()
    {
        await using var cluster = new TestCluster(10, 20);
        cluster.Api.Set(cluster.ElasticIp.Id, cluster[0].InstanceId, attached: true);
        cluster[0].Start();
        await cluster.RunForAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(NodeRole.Starting, cluster[0].Role);

        var stopped = cluster[0].Engine.StopAsync();
        await cluster.RunUntilAsync(() => stopped.IsCompleted, cluster[0].Options.EffectiveStopTimeout, "the stop completes");

        Assert.Empty(cluster.Holders);
        Assert.Equal(false, cluster[0].Snapshot.HoldsElasticIp);
        Assert.DoesNotContain(cluster.Api.Calls, c => c.Method == "AttachElasticIp");
    }

    [Fact]
    public async Task A_node_stopped_during_its_hold_off_without_the_elastic_ip_stops_without_acting()
    {
        await using var cluster = new TestCluster(10, 20);
        cluster.StartAll();
        await cluster.RunForAsync(TimeSpan.FromSeconds(1));

        var stopped = cluster[1].Engine.StopAsync();
        await cluster.RunUntilAsync(() => stopped.IsCompleted, cluster[1].Options.EffectiveStopTimeout, "the stop completes");

        Assert.DoesNotContain(cluster.Api.Calls, c => c.Target == cluster[1].Id && c.Method is "AttachElasticIp" or "DetachElasticIp");
        var last = Assert.Single(cluster[1].EventsOf(WatchdogEventKind.Stopped));
        Assert.Contains("does not hold", last.Message);
        Assert.Equal(false, last.HoldsElasticIp);
    }

    [Fact]
    public async Task Cancelling_the_run_is_a_graceful_stop_that_releases()
    {
        await using var cluster = new TestCluster(10, 20);
        using var cancellation = new CancellationTokenSource();
        cluster[0].Start(cancellation.Token);
        cluster[1].Start();
        await cluster.RunUntilSoleHolderAsync(cluster[0], TimeSpan.FromSeconds(10));

        cancellation.Cancel();
        await cluster.RunUntilAsync(() => cluster[0].Run.IsCompleted, TimeSpan.FromSeconds(15), "the run returns");

        Assert.True(cluster[0].Run.IsCompletedSuccessfully);
        Assert.Equal(new[] { cluster[1].Id }, cluster.Holders);
        Assert.Equal(TimeSpan.Zero, cluster.LongestWithoutHolder);
    }

    [Fact]
    public async Task Stopping_without_release_keeps_the_elastic_ip_and_makes_no_api_call()
    {
        await using var cluster = await SettledAsync(10, 20);
        var calls = cluster[0].Engine.Counters.ApiCalls;

        await cluster[0].Engine.StopAsync(releaseElasticIp: false).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(calls, cluster[0].Engine.Counters.ApiCalls);
        Assert.Equal(new[] { cluster[0].Id }, cluster.Holders);
        var stopped = Assert.Single(cluster[0].EventsOf(WatchdogEventKind.Stopped));
        Assert.Contains("keeping", stopped.Message);
        Assert.Equal(true, stopped.HoldsElasticIp);
        // A planned restart must come back within interval × dead ratio; here it does not, so the backup takes over.
        await cluster.RunUntilSoleHolderAsync(cluster[1], TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task A_master_without_live_peers_releases_at_once()
    {
        await using var cluster = new TestCluster(10, 20);
        cluster[0].Start();
        await cluster.RunUntilAsync(() => cluster.Holders.Count == 1, TimeSpan.FromSeconds(10), "node 0 holds");

        var stopped = cluster[0].Engine.StopAsync();
        await cluster.RunUntilAsync(() => stopped.IsCompleted, TimeSpan.FromSeconds(1), "the stop completes");

        Assert.Empty(cluster.Holders);
        Assert.Equal("DetachElasticIp", cluster.Api.Calls[^1].Method);
    }

    [Fact]
    public async Task A_stop_is_bounded_when_the_api_hangs()
    {
        await using var cluster = await SettledAsync(10, 20);
        cluster.Api.Hang = true;

        var stopped = cluster[0].Engine.StopAsync();
        var bound = cluster[0].Options.EffectiveStopTimeout + cluster[0].Options.Interval;
        await cluster.RunUntilAsync(() => stopped.IsCompleted, bound, "the stop completes despite the API");

        Assert.True(cluster[0].Run.IsCompletedSuccessfully);
        var timedOut = Assert.Single(cluster[0].EventsOf(WatchdogEventKind.Stopped));
        Assert.Contains("timed out", timedOut.Message);
        Assert.Equal(true, timedOut.HoldsElasticIp); // as the API last said: the release never happened
        Assert.Equal(0, cluster[0].PendingWork);
    }

    [Fact]
    public async Task Stop_and_kill_before_running_end_the_watchdog_without_error()
    {
        var cluster = new TestCluster(10, 20);
        var engine = new WatchdogEngine(cluster[0].Options, cluster.Api, cluster.Time);
        await engine.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(WatchdogStatus.Stopped, engine.GetSnapshot().Status);
        Assert.False(await engine.Events.WaitToReadAsync());
        // A host that starts the run after a stop came (the stop raced the start) sees it end, not fail.
        Assert.True(engine.RunAsync().IsCompletedSuccessfully);

        var killed = new WatchdogEngine(cluster[1].Options, cluster.Api, cluster.Time);
        killed.Kill();
        Assert.True(killed.Completion.IsCompleted);
        Assert.True(killed.RunAsync().IsCompletedSuccessfully);
        Assert.Empty(cluster.Api.Calls);
    }

    [Fact]
    public async Task A_run_cannot_be_started_twice()
    {
        var cluster = new TestCluster(10, 20);
        var engine = new WatchdogEngine(cluster[0].Options with { Bind = new IPEndPoint(IPAddress.Parse("127.0.0.2"), LoopbackPorts.FindFree(IPAddress.Parse("127.0.0.2"))) }, cluster.Api, cluster.Time);
        var run = engine.RunAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => engine.RunAsync());
        engine.Kill();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_watchdog_stopped_before_it_ran_lets_its_socket_go()
    {
        var address = IPAddress.Parse("127.0.0.2");
        var bind = new IPEndPoint(address, LoopbackPorts.FindFree(address));
        var cluster = new TestCluster(10, 20);
        var engine = new WatchdogEngine(cluster[0].Options with { Bind = bind }, cluster.Api, cluster.Time, transport: new UdpTransport(bind));

        await engine.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));

        using var again = new UdpClient(bind); // throws AddressAlreadyInUse while the watchdog's socket is open
    }

    [Fact]
    public async Task A_bind_address_in_use_fails_the_run_with_the_socket_error()
    {
        var address = IPAddress.Parse("127.0.0.2");
        var port = LoopbackPorts.FindFree(address);
        using var taken = new UdpClient(new IPEndPoint(address, port));
        var cluster = new TestCluster(10, 20);
        var engine = new WatchdogEngine(cluster[0].Options with { Bind = new IPEndPoint(address, port) }, cluster.Api, cluster.Time);

        var error = await Assert.ThrowsAsync<SocketException>(() => engine.RunAsync());

        Assert.Equal(SocketError.AddressAlreadyInUse, error.SocketErrorCode);
        Assert.True(engine.Completion.IsCompleted);
        var events = engine.Events.ReadAllAsync().ToBlockingEnumerable().ToList();
        Assert.Equal(WatchdogEventKind.Stopped, Assert.Single(events).Kind);
        Assert.Contains("Failed", events[0].Message);
        Assert.Null(events[0].HoldsElasticIp);
        Assert.Empty(cluster.Api.Calls);
    }
}
