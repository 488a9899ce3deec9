using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using ExoIp.Exoscale;
using ExoIp.Watchdog;
using Microsoft.Extensions.Time.Testing;

namespace ExoIp.Tests.Watchdog;

/// <summary>
/// Several watchdogs on one fake clock, an in-memory network and a fake API. Time moves only when a test says
/// so, in steps; after each step the cluster runs until idle (no input queued, no datagram in transit, every
/// API call waiting for fake time), so what happens at a given fake time is deterministic.
/// </summary>
internal sealed class TestCluster : IAsyncDisposable
{
    public const string ElasticIpAddress = "198.51.100.50";
    public const string GroupId = "5f6d5e63-5cc0-4d2e-8bb4-3b9f2b2b0d11";
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan IdleDeadline = TimeSpan.FromSeconds(20);

    private readonly List<TestNode> _nodes = new();

    /// <summary>One node per priority, at 10.0.0.2, 10.0.0.3, ..., each with the others as static peers.</summary>
    public TestCluster(params byte[] priorities)
        : this(priorities, options => options)
    {
    }

    public TestCluster(IReadOnlyList<byte> priorities, Func<WatchdogOptions, WatchdogOptions> configure)
    {
        Api = new FakeExoscale(Time);
        ElasticIp = Api.AddElasticIp(ElasticIpAddress);
        Api.AddSecurityGroup(GroupId, "cluster");
        var addresses = priorities.Select((_, i) => IPAddress.Parse($"10.0.0.{i + 2}")).ToList();
        for (var i = 0; i < priorities.Count; i++)
        {
            var id = Guid.NewGuid();
            Api.AddInstance(id, addresses[i].ToString(), "running", GroupId);
            var options = configure(new WatchdogOptions
            {
                ElasticIp = IPAddress.Parse(ElasticIpAddress),
                InstanceId = id,
                Priority = priorities[i],
                Bind = new IPEndPoint(addresses[i], WatchdogOptions.DefaultPort),
                Peers = addresses.Where(a => !a.Equals(addresses[i])).ToList(),
            });
            _nodes.Add(new TestNode(this, addresses[i], id, options));
        }
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
    public InMemoryNetwork Network { get; } = new();
    public FakeExoscale Api { get; }
    public ElasticIp ElasticIp { get; }
    public IReadOnlyList<TestNode> Nodes => _nodes;
    public TestNode this[int index] => _nodes[index];

    public IReadOnlyList<string> Holders => Api.HoldersOf(ElasticIp.Id);
    public IReadOnlyList<(DateTimeOffset At, string[] Holders)> History => Api.History(ElasticIp.Id);
    public TimeSpan LongestWithoutHolder => Api.LongestWithoutHolder(ElasticIp.Id);

    public void StartAll()
    {
        foreach (var node in _nodes) node.Start();
    }

    /// <summary>Moves the fake clock on by <paramref name="duration"/>, step by step, letting the cluster settle after each.</summary>
    public async Task RunForAsync(TimeSpan duration)
    {
        await SettleAsync();
        for (var elapsed = TimeSpan.Zero; elapsed < duration; elapsed += Step)
        {
            Time.Advance(Step);
            await SettleAsync();
        }
    }

    /// <summary>Moves the clock on until <paramref name="condition"/> holds; fails when <paramref name="max"/> of fake time passes first.</summary>
    /// <returns>The fake time it took.</returns>
    public async Task<TimeSpan> RunUntilAsync(Func<bool> condition, TimeSpan max, string what)
    {
        await SettleAsync();
        var elapsed = TimeSpan.Zero;
        while (!condition())
        {
            if (elapsed >= max) Assert.Fail($"Not reached within {max} of fake time: {what}. {Describe()}");
            Time.Advance(Step);
            elapsed += Step;
            await SettleAsync();
        }
        return elapsed;
    }

    /// <summary>Moves the clock on until <paramref name="node"/> alone holds the Elastic IP; see <see cref="RunUntilAsync"/>.</summary>
    public Task<TimeSpan> RunUntilSoleHolderAsync(TestNode node, TimeSpan max) =>
        RunUntilAsync(() => Holders.SequenceEqual(new[] { node.Id }), max, $"{node.Address} alone holds the Elastic IP");

    /// <summary>Waits (real time, bounded) until nothing in the cluster can move without the clock.</summary>
    public Task SettleAsync() => Eventually.HoldsAsync(IsIdle, IdleDeadline, "the cluster becomes idle", Describe);

    /// <summary>
    /// A cluster started and settled: node 0 master and sole holder, every other node backup, then
    /// <paramref name="settle"/> more of fake time.
    /// </summary>
    public static async Task<TestCluster> StartSettledAsync(byte[] priorities, Func<WatchdogOptions, WatchdogOptions>? configure = null,
        TimeSpan? apiDelay = null, TimeSpan? settle = null)
    {
        var cluster = new TestCluster(priorities, configure ?? (o => o));
        cluster.Api.Delay = apiDelay ?? TimeSpan.Zero;
        cluster.StartAll();
        await cluster.RunUntilAsync(() => cluster.Holders.SequenceEqual(new[] { cluster[0].Id }) && cluster[0].Role == ExoIp.Election.NodeRole.Master
            && cluster.Nodes.Skip(1).All(n => n.Role == ExoIp.Election.NodeRole.Backup), TimeSpan.FromSeconds(15), "node 0 elected and holding");
        await cluster.RunForAsync(settle ?? TimeSpan.FromSeconds(3));
        return cluster;
    }

    /// <summary>
    /// Nothing moved: <paramref name="holder"/> has held the Elastic IP alone since the first attach, every node
    /// changed role once (its first verdict), and no node declared a peer dead.
    /// </summary>
    public void AssertStable(TestNode holder)
    {
        var unstable = _nodes.Where(n => n.Engine.Counters.Transitions != 1 || n.EventsOf(WatchdogEventKind.PeerDown).Any()).ToList();
        Assert.True(Holders.SequenceEqual(new[] { holder.Id }) && History.Count == 1 && unstable.Count == 0,
            $"Not stable around {holder}: {History.Count} holder change(s); unstable nodes: "
            + string.Join(", ", unstable.Select(n => $"{n} ({n.Engine.Counters.Transitions} transitions, {n.EventsOf(WatchdogEventKind.PeerDown).Count()} PeerDown)"))
            + $". {Describe()}");
    }

    public string Describe() =>
        $"Holders: [{string.Join(", ", Holders.Select(NameOf))}]; nodes: "
        + string.Join("; ", _nodes.Where(n => n.HasRun).Select(n => $"{n} {n.Snapshot.Status} {n.Role} holds={n.Snapshot.HoldsElasticIp}"))
        + "; calls: " + string.Join(", ", Api.Calls.TakeLast(12));

    public string NameOf(string instanceId) => _nodes.FirstOrDefault(n => n.Id == instanceId)?.Address.ToString() ?? instanceId;

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes.Where(n => n.IsRunning)) node.Kill();
        await Task.WhenAll(_nodes.Select(n => n.Run)).WaitAsync(IdleDeadline);
    }

    private bool IsIdle() =>
        Network.InTransit == 0 && _nodes.Sum(n => n.PendingWork) == Api.WaitingOnTime;
}
