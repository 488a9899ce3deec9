using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Exoscale;
using ExoIp.Hosting;
using ExoIp.Metrics;
using ExoIp.PowerShell.Logging;
using ExoIp.Watchdog;
using Microsoft.Extensions.Logging;

namespace ExoIp.PowerShell.Hosting;

/// <summary>
/// One running watchdog in this process, whoever hosts it (a foreground cmdlet or a job): the engine, its
/// API client and log, its metrics server if any, its POSIX signal handlers, and its entry in <see cref="WatchdogRegistry"/>.
/// </summary>
public sealed class WatchdogSession
{
    private readonly ExoscaleClient _client;
    private readonly MetricsServer? _metrics;
    private readonly List<IDisposable> _signals = new();
    private readonly ManualResetEventSlim _drained = new();
    private Task? _run;

    internal WatchdogSession(WatchdogEngine engine, ExoscaleClient client, PipelineLog log, MetricsServer? metrics = null)
    {
        Engine = engine;
        _client = client;
        _metrics = metrics;
        Log = log;
    }

    /// <summary>The watchdog's name (its Elastic IP unless named).</summary>
    public string Name => Engine.Name;

    /// <summary>The engine.</summary>
    public WatchdogEngine Engine { get; }

    /// <summary>What the engine and its API client log, for the host to write to its streams.</summary>
    internal PipelineLog Log { get; }

    /// <summary>Completes when the watchdog has stopped; faults when it could not run (e.g. the bind address is taken).</summary>
    public Task Completion => _run ?? throw new InvalidOperationException("The watchdog has not started.");

    /// <summary>True once a stop was asked for (by a cmdlet, a job, Ctrl+C or SIGTERM).</summary>
    public bool StopRequested { get; private set; }

    /// <summary>Registers the watchdog, hooks SIGTERM/SIGUSR1/SIGUSR2 where supported, and starts it.</summary>
    /// <exception cref="InvalidOperationException">A watchdog with the same name is already running in this process.</exception>
    internal void Start()
    {
        try
        {
            WatchdogRegistry.Add(this);
        }
        catch (InvalidOperationException)
        {
            _metrics?.Dispose();
            _client.Dispose();
            throw;
        }
        HookSignals();
        _run = Task.Run(() => Engine.RunAsync());
        _ = _run.ContinueWith(_ => Release(), TaskScheduler.Default);
    }

    /// <summary>Asks for a graceful stop; see <see cref="WatchdogEngine.StopAsync"/>.</summary>
    public Task StopAsync(bool releaseElasticIp)
    {
        StopRequested = true;
        return Engine.StopAsync(releaseElasticIp);
    }

    /// <summary>Hands queued events and log entries to the host, oldest first.</summary>
    internal void Drain(Action<WatchdogEvent> onEvent, Action<LogEntry> onLog)
    {
        while (Engine.Events.TryRead(out var watchdogEvent)) onEvent(watchdogEvent);
        while (Log.TryTake(out var entry)) onLog(entry);
    }

    /// <summary>Called by the host once it has written everything after the stop.</summary>
    internal void MarkDrained() => _drained.Set();

    /// <summary>Completes when an event is queued, the watchdog stops, or <paramref name="timeout"/> passes.</summary>
    internal Task ActivityAsync(TimeSpan timeout) =>
        Task.WhenAny(Engine.Events.WaitToReadAsync().AsTask(), Completion, Task.Delay(timeout));

    /// <summary>Waits for the stop, bounded by the engine's own stop timeout plus a margin.</summary>
    internal bool WaitForStop() => Completion.ContinueWith(_ => { }, TaskScheduler.Default)
        .Wait(Engine.Options.EffectiveStopTimeout + TimeSpan.FromSeconds(5));

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
