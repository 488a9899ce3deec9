using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using ExoIp.Election;
using ExoIp.Health;
using ExoIp.Tests.Health;
using Xunit.Abstractions;

namespace ExoIp.Tests.Watchdog;

/// <summary>Service-aware failover over real UDP and the emulator: each node checks its own service, a real TCP listener.</summary>
public sealed class HealthFailoverTests
{
    private readonly ITestOutputHelper _output;

    public HealthFailoverTests(ITestOutputHelper output) => _output = output;

    /// <summary>A node's service: a TCP listener on a fixed loopback port, stopped and started again by the test.</summary>
    private sealed class Service : IDisposable
    {
        private TcpListener _listener;

        public Service()
        {
            _listener = Listen(0);
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        }

        public int Port { get; }

        public IHealthCheck Check() => new TcpHealthCheck("127.0.0.1", Port);

        public void Kill() => _listener.Stop();

        public void Restart() => _listener = Listen(Port);

        public void Dispose() => _listener.Stop();

        private static TcpListener Listen(int port)
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            return listener;
        }
    }

    private static bool OnlyHolder(LiveCluster cluster, int node) => cluster.Holders.SequenceEqual(new[] { cluster.Id(node) });

    private static Task<LiveCluster> SettledAsync(IHealthCheck[] checks, params byte[] priorities) => SettledAsync(checks, o => o, priorities);

    // Node 0's options changed by configure0. Node 0 starts first and holds before the others start: under a preemption
    // rule it defers until a listing of the holders answers, and started together, a node whose hold-off ended first
    // while node 0 still deferred became master and kept the address (no preemption), as the rule has it.
    private static async Task<LiveCluster> SettledAsync(IHealthCheck[] checks, Func<ExoIp.Watchdog.WatchdogOptions, ExoIp.Watchdog.WatchdogOptions> configure0, params byte[] priorities)
    {
        var cluster = await LiveCluster.StartAsync(priorities);
        cluster.Start(0, configure0, checks[0]);
        await cluster.EventuallyAsync(() => OnlyHolder(cluster, 0) && cluster[0].GetSnapshot().Role == NodeRole.Master, "node 0 elected and holding");
        for (var i = 1; i < priorities.Length; i++) cluster.Start(i, o => o, checks[i]);
        await cluster.EventuallyAsync(() => OnlyHolder(cluster, 0) && cluster[0].GetSnapshot().Role == NodeRole.Master
            && Enumerable.Range(1, priorities.Length - 1).All(i => cluster[i].GetSnapshot().Role == NodeRole.Backup)
            && Enumerable.Range(0, priorities.Length).All(i => cluster[i].GetSnapshot().Health == HealthStatus.Healthy), "node 0 elected, holding, every node healthy");
        return cluster;
    }

    [Fact]
    public async Task A_master_whose_service_dies_hands_over_with_no_moment_without_a_holder_and_takes_it_back_when_healthy()
    {
        using var service0 = new Service();
        using var service1 = new Service();
        await using var cluster = await SettledAsync(new[] { service0.Check(), service1.Check() }, 10, 20);

        var killedAt = DateTimeOffset.UtcNow;
        service0.Kill();
        var handover = await cluster.EventuallyAsync(() => OnlyHolder(cluster, 1) && cluster[0].GetSnapshot().Role == NodeRole.Fault
            && cluster[1].GetSnapshot().Role == NodeRole.Master, "node 1 holds alone, node 0 in Fault");
        var stats = cluster.Stats(killedAt);
        _output.WriteLine($"handover after {handover.TotalMilliseconds:0} ms; longest without a holder {stats.LongestWithoutHolder.TotalMilliseconds:0} ms");
        Assert.Equal(TimeSpan.Zero, stats.LongestWithoutHolder);
        var snapshot = cluster[0].GetSnapshot();
        Assert.Equal(HealthStatus.Unhealthy, snapshot.Health);
        Assert.StartsWith($"tcp://127.0.0.1:{service0.Port}: ", snapshot.HealthReason);
        Assert.Equal(WatchdogEngineStopping, snapshot.AdvertisedPriority);
        var metrics = new ExoIp.Metrics.WatchdogMetrics(cluster[0], new ExoIp.Metrics.ApiRequestMetrics()).Render();
        Assert.Contains("\nexoip_healthy{elastic_ip=\"198.51.100.50\",watchdog=\"127.0.0.2\"} 0\n", metrics);
        Assert.Contains("\nexoip_role{elastic_ip=\"198.51.100.50\",watchdog=\"127.0.0.2\",role=\"fault\"} 1\n", metrics);
        Assert.Matches("\nexoip_health_checks_total\\{[^}]*outcome=\"failed\"\\} [1-9][0-9]*\n", metrics);
        Assert.Contains("\nexoip_advertised_priority{elastic_ip=\"198.51.100.50\",watchdog=\"127.0.0.2\"} 255\n", metrics);
        Assert.Contains(cluster.Events, e => e.Kind == ExoIp.Watchdog.WatchdogEventKind.HealthChanged && e.Watchdog == cluster.Nodes[0].Name && e.Health == HealthStatus.Unhealthy);

        var restartedAt = DateTimeOffset.UtcNow;
        service0.Restart();
        await cluster.EventuallyAsync(() => OnlyHolder(cluster, 0) && cluster[0].GetSnapshot().Role == NodeRole.Master
            && cluster[1].GetSnapshot().Role == NodeRole.Backup, "node 0 healthy again takes the Elastic IP back");
        Assert.Equal(TimeSpan.Zero, cluster.Stats(restartedAt).LongestWithoutHolder);
        Assert.DoesNotContain(cluster.Events, e => e.Kind == ExoIp.Watchdog.WatchdogEventKind.PeerDown);
    }

    [Fact]
    public async Task With_every_node_unhealthy_the_elastic_ip_stays_where_it_was_and_the_holder_says_so()
    {
        using var service0 = new Service();
        using var service1 = new Service();
        await using var cluster = await SettledAsync(new[] { service0.Check(), service1.Check() }, 10, 20);

        var since = DateTimeOffset.UtcNow;
        service1.Kill();
        await cluster.EventuallyAsync(() => cluster[1].GetSnapshot().Role == NodeRole.Fault, "node 1 in Fault");
        service0.Kill();
        await cluster.EventuallyAsync(() => cluster[0].GetSnapshot().Role == NodeRole.Fault, "node 0 in Fault");
        await cluster.EventuallyAsync(() => cluster.Events.Any(e => e.Kind == ExoIp.Watchdog.WatchdogEventKind.Warning
            && e.Watchdog == cluster.Nodes[0].Name && e.Message.StartsWith("Keeping the Elastic IP although this node is unhealthy", StringComparison.Ordinal)), "node 0 says it keeps the Elastic IP");
        await Task.Delay(LiveCluster.Interval * 10);
        Assert.True(OnlyHolder(cluster, 0), cluster.Describe());
        Assert.Equal(0, cluster.Stats(since).Changes);
        Assert.Equal(TimeSpan.Zero, cluster.Stats(since).LongestWithoutHolder);
    }

    [Fact]
    public async Task A_hanging_check_is_a_failure_at_its_timeout_and_changes_nothing_else()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        var never = new TaskCompletionSource();
        using var service1 = new Service();
        await using var cluster = await SettledAsync(new IHealthCheck[] { new HttpHealthCheck(server.At("health")), service1.Check() }, 10, 20);
        try
        {
            var since = DateTimeOffset.UtcNow;
            server.Respond = _ => never.Task; // node 0's service accepts and never answers
            await cluster.EventuallyAsync(() => OnlyHolder(cluster, 1) && cluster[0].GetSnapshot().Role == NodeRole.Fault, "node 1 holds alone, node 0 in Fault");
            // The round after a timeout may find the cancelled request not yet ended (the timeout equals the interval here).
            Assert.Matches(@"(no answer within 0\.2 s|past its 0\.2 s timeout)$", cluster[0].GetSnapshot().HealthReason);
            Assert.Equal(TimeSpan.Zero, cluster.Stats(since).LongestWithoutHolder);
            // Node 0's adverts never stalled: no peer ever saw it die.
            Assert.DoesNotContain(cluster.Events, e => e.Kind == ExoIp.Watchdog.WatchdogEventKind.PeerDown);
        }
        finally
        {
            never.TrySetResult();
        }
    }

    // Node 0's service dies: node 1 takes over; then it comes back, and node 0 turns healthy again.
    private static async Task<(LiveCluster Cluster, DateTimeOffset HealthyAt)> ServiceComesBackAsync(Service service0, Service service1,
        Func<ExoIp.Watchdog.WatchdogOptions, ExoIp.Watchdog.WatchdogOptions> rule)
    {
        var cluster = await SettledAsync(new[] { service0.Check(), service1.Check() }, rule, 10, 20);
        service0.Kill();
        await cluster.EventuallyAsync(() => OnlyHolder(cluster, 1) && cluster[1].GetSnapshot().Role == NodeRole.Master, "node 1 holds alone");
        service0.Restart();
        await cluster.EventuallyAsync(() => cluster[0].GetSnapshot().Health == HealthStatus.Healthy, "node 0 healthy again");
        var healthy = cluster.Events.Last(e => e.Kind == ExoIp.Watchdog.WatchdogEventKind.HealthChanged && e.Watchdog == cluster.Nodes[0].Name && e.Health == HealthStatus.Healthy);
        return (cluster, healthy.Timestamp);
    }

    [Fact]
    public async Task With_a_preempt_delay_a_node_healthy_again_takes_the_elastic_ip_back_only_after_the_delay()
    {
        var delay = TimeSpan.FromSeconds(2);
        using var service0 = new Service();
        using var service1 = new Service();
        var (cluster, healthyAt) = await ServiceComesBackAsync(service0, service1, o => o with { PreemptDelay = delay });
        await using var _ = cluster;

        bool SelfAttach(ExoIp.Watchdog.WatchdogEvent e) => e.Kind == ExoIp.Watchdog.WatchdogEventKind.ApiAction && e.Watchdog == cluster.Nodes[0].Name
            && e.Action == ExoIp.Watchdog.ApiActionKind.Attach && e.Outcome == ExoIp.Watchdog.ApiActionOutcome.Done && e.InstanceId == cluster.Id(0);
        var attachesBefore = cluster.Events.Count(SelfAttach);
        await cluster.EventuallyAsync(() => OnlyHolder(cluster, 0) && cluster[0].GetSnapshot().Role == NodeRole.Master, "node 0 takes it back");
        // The API shows the attach before the watchdog's event reaches the cluster's list: wait for the event.
        await cluster.EventuallyAsync(() => cluster.Events.Count(SelfAttach) > attachesBefore, "node 0 reports its attach");

        // Its attach of itself came after a delay of good health (both times are the watchdog's own clock). Not its
        // attach for node 1, which it may have made while handing over, unhealthy.
        var attach = cluster.Events.Last(SelfAttach);
        _output.WriteLine($"healthy at {healthyAt:O}, attached at {attach.Timestamp:O}");
        Assert.True(attach.Timestamp - healthyAt >= delay, $"attached {attach.Timestamp - healthyAt} after turning healthy");
        Assert.Equal(TimeSpan.Zero, cluster.Stats(healthyAt).LongestWithoutHolder);
    }

    [Fact]
    public async Task With_no_preempt_a_node_healthy_again_leaves_the_elastic_ip_with_the_live_master_until_it_fails()
    {
        using var service0 = new Service();
        using var service1 = new Service();
        var (cluster, healthyAt) = await ServiceComesBackAsync(service0, service1, o => o with { NoPreempt = true });
        await using var _ = cluster;

        await cluster.EventuallyAsync(() => cluster[0].GetSnapshot().AdvertisedPriority == ExoIp.Preemption.AdvertisedPriority.Deferring, "node 0 defers");
        await Task.Delay(LiveCluster.Interval * 15);
        Assert.True(OnlyHolder(cluster, 1), cluster.Describe());
        Assert.Equal(NodeRole.Backup, cluster[0].GetSnapshot().Role);

        var failedAt = DateTimeOffset.UtcNow;
        service1.Kill();
        await cluster.EventuallyAsync(() => OnlyHolder(cluster, 0) && cluster[0].GetSnapshot().Role == NodeRole.Master
            && cluster[1].GetSnapshot().Role == NodeRole.Fault, "node 0 takes over from the unhealthy master");
        Assert.Equal(TimeSpan.Zero, cluster.Stats(failedAt).LongestWithoutHolder);
    }

    private const byte WatchdogEngineStopping = ExoIp.Watchdog.WatchdogEngine.StoppingPriority;
}
