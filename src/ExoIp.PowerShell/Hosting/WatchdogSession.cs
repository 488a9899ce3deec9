using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.CommandLine;
using ExoIp.Exoscale;
using ExoIp.Health;
using ExoIp.Hosting;
using ExoIp.Metrics;
using ExoIp.Notify;
using ExoIp.PowerShell.Logging;
using ExoIp.PowerShell.Output;
using ExoIp.Status;
using ExoIp.Transport;
using ExoIp.Watchdog;
using Microsoft.Extensions.Logging;

namespace ExoIp.PowerShell.Hosting;

/// <summary>
/// One running watchdog in this process, whoever hosts it (a foreground cmdlet or a job): the engine, its
/// API client and log, its metrics server if any, its POSIX signal handlers, its entry in
/// <see cref="WatchdogRegistry"/>, and the one pump that hands its events and log entries to the host.
/// </summary>
public sealed class WatchdogSession
{
    private readonly ExoscaleClient _client;
    private readonly MetricsServer? _metrics;
    private readonly List<IDisposable> _signals = new();
    private readonly ManualResetEventSlim _drained = new();
    private Task? _run;
    private bool _releaseRequested = true;

    private WatchdogSession(WatchdogEngine engine, ExoscaleClient client, PipelineLog log, MetricsServer? metrics)
    {
        _client = client;
        _metrics = metrics;
        Log = log;
        Engine = engine;
    }

    /// <summary>
    /// Checks what can be checked before anything runs, so a job is never returned for a watchdog that cannot
    /// run: the name is free, and the bind address (and the metrics endpoint, if any) is bound here, by the
    /// socket that will use it. The session owns <paramref name="client"/> from here on (a job outlives the
    /// cmdlet that made it).
    /// </summary>
    /// <exception cref="WatchdogNameInUseException">A watchdog with the same name is already running in this process.</exception>
    /// <exception cref="WatchdogBindException">The bind address or the metrics endpoint cannot be bound.</exception>
    internal static WatchdogSession Open(WatchdogOptions options, ExoscaleClient client, PipelineLog log, MetricsEndpoint? metricsEndpoint,
        IReadOnlyList<IHealthCheck> healthChecks, IReadOnlyList<INotifyHook> notifyHooks)
    {
        UdpTransport? transport = null;
        WatchdogEngine? engine = null;
        try
        {
            if (!WatchdogRegistry.IsFree(options.EffectiveName)) throw new WatchdogNameInUseException(options.EffectiveName);
            transport = Bind(options, options.Bind, () => new UdpTransport(options.Bind));
            var api = new ApiRequestMetrics();
            engine = new WatchdogEngine(options, new MeteredExoscaleClient(client, api), transport: transport, healthChecks: healthChecks, notifyHooks: notifyHooks);
            var metrics = metricsEndpoint is null
                ? null
                : Bind(options, metricsEndpoint.Address, () => new MetricsServer(metricsEndpoint, new WatchdogMetrics(engine, api).Render));
            return new WatchdogSession(engine, client, log, metrics);
        }
        catch (Exception)
        {
            client.Dispose();
            // The engine owns the socket and the hooks once made: ended before it ran, it lets them go.
            if (engine is not null) engine.StopAsync(releaseElasticIp: false);
            else
            {
                transport?.Dispose();
                foreach (var hook in notifyHooks.OfType<IDisposable>()) hook.Dispose();
            }
            throw;
        }
    }

    private static T Bind<T>(WatchdogOptions options, IPEndPoint address, Func<T> open)
    {
        try
        {
            return open();
        }
        catch (SocketException e)
        {
            throw new WatchdogBindException(options.EffectiveName, address, e);
        }
    }

    /// <summary>The watchdog's name (its Elastic IP unless named).</summary>
    public string Name => Engine.Name;

    /// <summary>What it is, for a job's Command: its name, Elastic IP and bind address (never the typed line).</summary>
    public string Description => $"ExoIp watchdog {Name}: Elastic IP {Engine.Options.ElasticIp} on {Engine.Options.Bind}";

    /// <summary>The engine.</summary>
    public WatchdogEngine Engine { get; }

    /// <summary>The API client the watchdog uses (Get-ExoIpPeer looks its peers' names up with it).</summary>
    internal IExoscaleClient Client => _client;

    /// <summary>Its last API action and error, from the events the pump hands on (Get-ExoIpWatchdog shows them).</summary>
    internal ApiActivity Api { get; } = new();

    /// <summary>What the engine and its API client log, for the host to write to its streams.</summary>
    internal PipelineLog Log { get; }

    /// <summary>Completes when the watchdog has stopped; faults when it could not run (e.g. the bind address is taken).</summary>
    public Task Completion => _run ?? throw new InvalidOperationException("The watchdog has not started.");

    /// <summary>True once a stop was asked for (by a cmdlet, a job, Ctrl+C or SIGTERM).</summary>
    public bool StopRequested { get; private set; }

    /// <summary>How the stop ended, once the Stopped event has been pumped; null before.</summary>
    public WatchdogStopOutcome? StopOutcome { get; private set; }

    /// <summary>Registers the watchdog, hooks SIGTERM/SIGUSR1/SIGUSR2 where supported, and starts it.</summary>
    /// <exception cref="WatchdogNameInUseException">A watchdog with the same name started since <see cref="Open"/>.</exception>
    internal void Start()
    {
        try
        {
            WatchdogRegistry.Add(this);
        }
        catch (WatchdogNameInUseException)
        {
            Engine.StopAsync(releaseElasticIp: false); // it never runs, and lets its socket go
            _metrics?.Dispose();
            _client.Dispose();
            throw;
        }
        HookSignals();
        // Begun here, not on the pool: a stop asked as soon as this returns (Stop-ExoIpWatchdog, SIGTERM) reaches
        // a running loop, which releases what a restarted master holds, rather than ending a watchdog not yet run.
        _run = Engine.RunAsync();
        _ = _run.ContinueWith(_ => Release(), TaskScheduler.Default);
    }

    /// <summary>Asks for a graceful stop; see <see cref="WatchdogEngine.StopAsync"/>.</summary>
    public Task StopAsync(bool releaseElasticIp)
    {
        if (!StopRequested) _releaseRequested = releaseElasticIp;
        StopRequested = true;
        return Engine.StopAsync(releaseElasticIp);
    }

    /// <summary>
    /// Hands events and log entries to <paramref name="sink"/>, oldest first, until the watchdog has stopped and
    /// everything is delivered; returns why it could not run, or null.
    /// </summary>
    /// <remarks>
    /// Asynchronous, and woken only by what it hands on: a pump that blocked a pool thread per job would starve the
    /// pool, and one that looked every second would wake an idle pwsh's thread pool every second for nothing.
    /// </remarks>
    internal async Task<Exception?> PumpAsync(IWatchdogSink sink)
    {
        while (!Completion.IsCompleted)
        {
            Drain(sink);
            await Task.WhenAny(Engine.Events.WaitToReadAsync().AsTask(), Log.WhenEntryAsync(), Completion).ConfigureAwait(false);
        }
        Drain(sink);
        return Completion.Exception?.GetBaseException();
    }

    /// <summary>Called by the host once it has written everything after the stop.</summary>
    internal void MarkDrained() => _drained.Set();

    /// <summary>Waits for the stop, bounded by the engine's own bound (the stop timeout, and the Stopped hook's) plus a margin.</summary>
    internal bool WaitForStop() => Completion.ContinueWith(_ => { }, TaskScheduler.Default)
        .Wait(Engine.StopBound + TimeSpan.FromSeconds(5));

    // The log holds what is not the watchdog's (the API client's retries, the signals' lines): each happening of the
    // watchdog is one event, handed on once, as an object or, for a detail, as a Verbose line.
    private void Drain(IWatchdogSink sink)
    {
        while (Engine.Events.TryRead(out var watchdogEvent))
        {
            // Handed on first: an action Get-ExoIpWatchdog shows is already among the job's events.
            if (EventLine.IsVerbose(watchdogEvent)) sink.WriteVerbose(EventLine.Of(watchdogEvent));
            else sink.WriteEvent(ToInfo(watchdogEvent));
            Api.Observe(watchdogEvent);
        }
        while (Log.TryTake(out var entry)) entry.WriteTo(sink);
    }

    private WatchdogEventInfo ToInfo(WatchdogEvent watchdogEvent)
    {
        if (watchdogEvent.Kind != WatchdogEventKind.Stopped) return new WatchdogEventInfo(watchdogEvent, null);
        StopOutcome = watchdogEvent.Error is not null ? WatchdogStopOutcome.Failed : watchdogEvent.HoldsElasticIp switch
        {
            false => WatchdogStopOutcome.Released,
            true => _releaseRequested ? WatchdogStopOutcome.TimedOut : WatchdogStopOutcome.Kept,
            null => WatchdogStopOutcome.Unknown,
        };
        return new WatchdogEventInfo(watchdogEvent, StopOutcome);
    }

    private void HookSignals()
    {
        // SIGUSR1 makes the node more important (priority - 1), SIGUSR2 less, as the original exoip did.
        Add(PosixSignals.Register(PosixSignals.User1, () => Adjust(-1)));
        Add(PosixSignals.Register(PosixSignals.User2, () => Adjust(+1)));
        // SIGTERM: release the Elastic IP when master, then let the process end as it was asked to.
        Add(PosixSignals.Register(PosixSignals.Terminate, () =>
        {
            Log.Write(LogLevel.Information, "SIGTERM: stopping and releasing the Elastic IP.");
            StopAsync(releaseElasticIp: true);
            WaitForStop();
            // Let the host write the last events (the Stopped line in a service's log) before the process ends.
            _drained.Wait(TimeSpan.FromSeconds(2));
            return false;
        }));
    }

    private bool Adjust(int delta)
    {
        var priority = Engine.AdjustPriority(delta);
        Log.Write(LogLevel.Information, $"{(delta < 0 ? "SIGUSR1" : "SIGUSR2")}: priority is now {priority}.");
        return true;
    }

    private void Add(IDisposable? registration)
    {
        if (registration is not null) _signals.Add(registration);
    }

    private void Release()
    {
        foreach (var signal in _signals) signal.Dispose();
        _metrics?.Dispose();
        _client.Dispose();
        WatchdogRegistry.Remove(this);
    }
}
