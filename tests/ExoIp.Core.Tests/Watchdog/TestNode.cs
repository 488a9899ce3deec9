using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using ExoIp.Election;
using ExoIp.Watchdog;
using Microsoft.Extensions.Logging;

namespace ExoIp.Tests.Watchdog;

/// <summary>One node of a <see cref="TestCluster"/>: its identity, options, and the watchdogs it ran (a restart makes a new one).</summary>
internal sealed class TestNode
{
    private readonly TestCluster _cluster;
    private readonly List<WatchdogEngine> _engines = new();
    private readonly List<WatchdogEvent> _events = new();

    public TestNode(TestCluster cluster, IPAddress address, Guid instanceId, WatchdogOptions options)
    {
        _cluster = cluster;
        Address = address;
        InstanceId = instanceId;
        Options = options;
    }

    public IPAddress Address { get; }
    public Guid InstanceId { get; }
    public string Id => InstanceId.ToString();
    public WatchdogOptions Options { get; set; }
    public ILogger? Logger { get; set; }

    public WatchdogEngine Engine => _engines[^1];
    public Task Run { get; private set; } = Task.CompletedTask;
    public WatchdogSnapshot Snapshot => Engine.GetSnapshot();
    public NodeRole Role => Snapshot.Role;
    public int PendingWork => _engines.Sum(e => e.PendingWork);
    public bool HasRun => _engines.Count > 0;
    public bool IsRunning => HasRun && !Run.IsCompleted;

    /// <summary>Events of every watchdog this node ran, in order (drained without waiting), as a host shows them by default: without the details.</summary>
    public IReadOnlyList<WatchdogEvent> Events => AllEvents.Where(e => e.Kind != WatchdogEventKind.Detail).ToList();

    /// <summary>The details only a verbose view shows (<see cref="WatchdogEventKind.Detail"/>), in order.</summary>
    public IReadOnlyList<WatchdogEvent> Details => AllEvents.Where(e => e.Kind == WatchdogEventKind.Detail).ToList();

    private List<WatchdogEvent> AllEvents
    {
        get
        {
            foreach (var engine in _engines)
                while (engine.Events.TryRead(out var e)) _events.Add(e);
            return _events;
        }
    }

    public IEnumerable<WatchdogEvent> EventsOf(WatchdogEventKind kind) => Events.Where(e => e.Kind == kind);

    public void Start(System.Threading.CancellationToken cancellationToken = default, ILoopObserver? observer = null)
    {
        if (IsRunning) throw new InvalidOperationException($"{Address} is running.");
        _ = Events; // keep the previous watchdog's events
        var engine = new WatchdogEngine(Options, _cluster.Api, _cluster.Time, Logger, _cluster.Network.Connect(Address));
        if (observer is not null) engine.ObserveLoop(observer);
        _engines.Add(engine);
        Run = engine.RunAsync(cancellationToken);
    }

    public void Kill() => Engine.Kill();

    public override string ToString() => $"{Address} ({Options.Priority})";
}
