using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using ExoIp.Election;
using ExoIp.Emulator;
using ExoIp.Exoscale;
using ExoIp.Tests.Transport;
using ExoIp.Watchdog;

namespace ExoIp.Tests.Watchdog;

/// <summary>
/// Real watchdogs on real UDP (one loopback address per node, 127.0.0.2, .3, ..., one shared free port) and
/// the real client against the real emulator: the integration counterpart of <see cref="TestCluster"/>.
/// </summary>
internal sealed class LiveCluster : IAsyncDisposable
{
    public const string ElasticIpId = "0b0a7d1e-7c39-4b8e-9d55-3f3b6c2a9e10";
    public const string ElasticIpAddress = "198.51.100.50";
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private const string Key = "EXOwatchdog0123456789abcdef";
    private static readonly string Secret = "secret-" + Guid.NewGuid().ToString("N");

    private readonly List<ExoscaleClient> _clients = new();
    private readonly List<WatchdogEngine> _engines = new();
    private readonly Dictionary<WatchdogEngine, Task> _runs = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<WatchdogEvent> _events = new();

    private LiveCluster(ExoscaleEmulator emulator, IReadOnlyList<WatchdogOptions> nodes)
    {
        Emulator = emulator;
        Nodes = nodes;
    }

    public ExoscaleEmulator Emulator { get; }

    /// <summary>The nodes' options, by index; node i listens on 127.0.0.(i + 2).</summary>
    public IReadOnlyList<WatchdogOptions> Nodes { get; }

    /// <summary>The watchdog each node runs now (the last one started).</summary>
    public WatchdogEngine this[int node] => _engines.Last(e => e.Options.InstanceId == Nodes[node].InstanceId);

    public IReadOnlyList<string> Holders => Emulator.HoldersOf(ElasticIpId);

    public HolderStats Stats(DateTimeOffset? from = null) => Emulator.Stats(ElasticIpId, from);

    public string Id(int node) => Nodes[node].InstanceId.ToString();

    public static async Task<LiveCluster> StartAsync(params byte[] priorities)
    {
        var emulator = await ExoscaleEmulator.StartAsync(new EmulatorOptions());
        emulator.State.AddCredentials(Key, Secret);
        emulator.State.AddElasticIp(ElasticIpId, ElasticIpAddress);
        var addresses = priorities.Select((_, i) => IPAddress.Parse($"127.0.0.{i + 2}")).ToArray();
        var port = LoopbackPorts.FindFree(addresses);
        var nodes = new List<WatchdogOptions>();
        for (var i = 0; i < priorities.Length; i++)
        {
            var id = Guid.NewGuid();
            emulator.State.AddInstance(id.ToString(), $"node-{i}", addresses[i].ToString());
            nodes.Add(new WatchdogOptions
            {
                ElasticIp = IPAddress.Parse(ElasticIpAddress),
                InstanceId = id,
                Name = addresses[i].ToString(),
                Priority = priorities[i],
                Bind = new IPEndPoint(addresses[i], port),
                Peers = addresses.Where(a => !a.Equals(addresses[i])).ToList(),
                Interval = Interval,
                RetryDelay = TimeSpan.FromMilliseconds(200),
                MaxRetryDelay = TimeSpan.FromSeconds(1),
                ApiTimeout = TimeSpan.FromSeconds(15),
            });
        }
        return new LiveCluster(emulator, nodes);
    }

    public void StartAll()
    {
        for (var i = 0; i < Nodes.Count; i++) Start(i);
    }

    /// <summary>Every event seen so far, from every node.</summary>
    public IReadOnlyList<WatchdogEvent> Events => _events.ToArray();

    /// <summary>Health checks as the cluster's nodes run them: 0.2 s rounds, fall 3, rise 2.</summary>
    public static readonly ExoIp.Health.HealthCheckOptions HealthChecks = new()
    {
        HealthCheckInterval = TimeSpan.FromMilliseconds(200),
        HealthCheckFall = 3,
        HealthCheckRise = 2,
    };

    /// <summary>Starts node <paramref name="node"/>; with <paramref name="checks"/>, it runs them as <see cref="HealthChecks"/> says.</summary>
    public WatchdogEngine Start(int node, params ExoIp.Health.IHealthCheck[] checks) => Start(node, options => options, checks);

    /// <summary>Starts node <paramref name="node"/> with its options changed by <paramref name="configure"/>.</summary>
    public WatchdogEngine Start(int node, Func<WatchdogOptions, WatchdogOptions> configure, params ExoIp.Health.IHealthCheck[] checks) =>
        StartEngine(node, configure, checks, Array.Empty<ExoIp.Notify.INotifyHook>());

    /// <summary>Starts node <paramref name="node"/> with notify hooks, bounded by <paramref name="notifyTimeout"/> (default 30 s).</summary>
    public WatchdogEngine StartNotifying(int node, IReadOnlyList<ExoIp.Notify.INotifyHook> hooks, TimeSpan? notifyTimeout = null) =>
        StartEngine(node, options => options with { NotifyTimeout = notifyTimeout ?? ExoIp.Notify.NotifyRunner.DefaultTimeout },
            Array.Empty<ExoIp.Health.IHealthCheck>(), hooks);

    /// <summary>Starts node <paramref name="node"/> with <paramref name="observer"/> told after each loop pass.</summary>
    public WatchdogEngine StartObserved(int node, ILoopObserver observer) =>
        StartEngine(node, options => options, Array.Empty<ExoIp.Health.IHealthCheck>(), Array.Empty<ExoIp.Notify.INotifyHook>(), observer);

    private WatchdogEngine StartEngine(int node, Func<WatchdogOptions, WatchdogOptions> configure, ExoIp.Health.IHealthCheck[] checks,
        IReadOnlyList<ExoIp.Notify.INotifyHook> hooks, ILoopObserver? observer = null)
    {
        var client = new ExoscaleClient(new ExoscaleClientOptions
        {
            Credentials = new ApiCredentials(Key, Secret),
            Endpoint = Emulator.ApiEndpoint,
            RequestTimeout = TimeSpan.FromSeconds(10),
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            RetryMaxDelay = TimeSpan.FromMilliseconds(200),
            OperationPollInitial = TimeSpan.FromMilliseconds(20),
            OperationPollMax = TimeSpan.FromMilliseconds(100),
            OperationTimeout = TimeSpan.FromSeconds(15),
        });
        _clients.Add(client);
        var engine = new WatchdogEngine(configure(Nodes[node] with { HealthCheck = HealthChecks }), client, healthChecks: checks, notifyHooks: hooks);
        if (observer is not null) engine.ObserveLoop(observer);
        _engines.Add(engine);
        _runs[engine] = Task.WhenAll(engine.RunAsync(), KeepEventsAsync(engine));
        return engine;
    }

    public Task RunOf(int node) => _runs[this[node]];

    /// <summary>Polls <paramref name="condition"/> until it holds; fails after a generous deadline.</summary>
    /// <returns>How long it took (an observation for the report, never asserted).</returns>
    public Task<TimeSpan> EventuallyAsync(Func<bool> condition, string what) => Eventually.HoldsAsync(condition, Deadline, what, Describe);

    /// <summary>Starts a cluster and waits until node 0 is master and sole holder and every other node is backup.</summary>
    public static async Task<LiveCluster> StartSettledAsync(params byte[] priorities)
    {
        var cluster = await StartAsync(priorities);
        cluster.StartAll();
        await cluster.EventuallyAsync(() => cluster.Holders.SequenceEqual(new[] { cluster.Id(0) }) && cluster[0].GetSnapshot().Role == NodeRole.Master
            && Enumerable.Range(1, priorities.Length - 1).All(i => cluster[i].GetSnapshot().Role == NodeRole.Backup), "node 0 elected and holding");
        return cluster;
    }

    /// <summary>Holders, nodes, the holder history and every event: what a failure message needs.</summary>
    public string Describe() =>
        $"Holders: [{string.Join(", ", Holders.Select(NameOf))}]; "
        + string.Join("; ", _engines.Select(e => e.GetSnapshot()).Select(s => $"{s.Bind.Address} {s.Status} {s.Role} holds={s.HoldsElasticIp}"))
        + Environment.NewLine + "History:" + Environment.NewLine
        + string.Join(Environment.NewLine, Emulator.History(ElasticIpId).Select(h => $"  {h.Time:HH:mm:ss.fff} {h.Action} {NameOf(h.InstanceId)}"))
        + Environment.NewLine + "Events:" + Environment.NewLine
        + string.Join(Environment.NewLine, _events.Select(e => $"  {e.Timestamp:HH:mm:ss.fff} {NameOf(e.InstanceId ?? "")} [{e.Watchdog}] {e.Kind}: {e.Message}"));

    private string NameOf(string instanceId) =>
        Nodes.FirstOrDefault(n => n.InstanceId.ToString() == instanceId)?.Bind.Address.ToString() ?? instanceId;

    private async Task KeepEventsAsync(WatchdogEngine engine)
    {
        await foreach (var e in engine.Events.ReadAllAsync()) _events.Enqueue(e);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var engine in _engines) engine.Kill();
        await Task.WhenAll(_runs.Values).WaitAsync(Deadline);
        foreach (var client in _clients) client.Dispose();
        await Emulator.DisposeAsync();
    }
}
