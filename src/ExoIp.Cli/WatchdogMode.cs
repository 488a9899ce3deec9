using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.CommandLine;
using ExoIp.Configuration;
using ExoIp.Exoscale;
using ExoIp.Hosting;
using ExoIp.Metrics;
using ExoIp.Notify;
using ExoIp.Watchdog;
using Microsoft.Extensions.Logging;

namespace ExoIp.Cli;

/// <summary>
/// -W: the watchdog until SIGTERM or SIGINT, which hand the Elastic IP over (or release it) and exit 0;
/// SIGUSR1 and SIGUSR2 lower and raise the priority. Each event is one line; -m serves the metrics; -c and -cc
/// check the service, -N runs a command on every role change.
/// </summary>
internal static class WatchdogMode
{
    public static async Task<int> RunAsync(CommandLineContext context, TextWriter output, CancellationToken cancellationToken)
    {
        // Everything local first, every problem in one run, before the metadata service or the API is asked.
        var problems = new ConfigurationProblems();
        var origins = new List<string>();
        var instanceId = context.GivenInstanceId(problems);
        var resolved = problems.Check(() => WatchdogSettings.Resolve(context.Sources, instanceId, null, null, null, origins));
        var keys = problems.Check(() => AuthSettings.Resolve(context.Sources, origins));
        var health = problems.Check(() => HealthSettings.Resolve(context.Sources, origins));
        var metricsEndpoint = problems.Check(() => MetricsEndpoint.Resolve(context.Sources));
        var apiSettings = problems.Check(() => ApiSettings.ResolveLocal(context.Sources));
        problems.ThrowIfAny();
        foreach (var origin in origins) context.Verbose(origin);
        if (instanceId == Guid.Empty) instanceId = await context.InstanceIdFromMetadataAsync(cancellationToken).ConfigureAwait(false);
        var options = resolved! with { InstanceId = instanceId, AuthKeys = keys, HealthCheck = health!.Options, NotifyTimeout = health.NotifyTimeout };

        var sink = context.Sink;
        var verbose = context.Line.Verbose;
        using var client = await context.CreateClientAsync(
            apiSettings!, new LineLogger(sink, verbose ? LogLevel.Debug : LogLevel.Warning), o => o.ConfigureFor(options), cancellationToken).ConfigureAwait(false);
        // A permanent error (key, Elastic IP, instance, group) ends the start before anything is taken; -n checks
        // all it can. An API that does not answer now is no reason not to start: the watchdog retries.
        try
        {
            var report = await WatchdogPreflight.CheckAsync(client, options, context.Line.ValidateOnly, cancellationToken).ConfigureAwait(false);
            foreach (var fact in report.Facts) context.Verbose(fact);
            foreach (var warning in report.Warnings) sink.Write(DateTimeOffset.UtcNow, warning, warning: true);
        }
        catch (Exception e) when (!context.Line.ValidateOnly && e is ExoscaleUnavailableException or ExoscaleTimeoutException)
        {
            sink.Write(DateTimeOffset.UtcNow, $"the configuration could not be checked with the API ({e.Message}); starting anyway, the watchdog retries", warning: true);
        }
        catch (SocketException e)
        {
            throw new IOException($"cannot listen on {options.Bind}: {e.Message}", e);
        }
        if (context.Line.ValidateOnly)
        {
            output.WriteLine($"The configuration is valid: Elastic IP {options.ElasticIp}, instance {instanceId}, {options.Bind}.");
            return 0;
        }

        var api = new ApiRequestMetrics();
        // The engine's log repeats its events: only -v shows it, and its warnings never (they are events).
        var engineLogger = new LineLogger(sink, verbose ? LogLevel.Debug : LogLevel.None, LogLevel.Information);
        var hooks = health.NotifyCommand is { } notify ? new INotifyHook[] { new CommandNotifyHook(notify) } : Array.Empty<INotifyHook>();
        var engine = new WatchdogEngine(options, new MeteredExoscaleClient(client, api), logger: engineLogger, healthChecks: health.CreateChecks(), notifyHooks: hooks);
        using var metrics = metricsEndpoint is null ? null : Serve(metricsEndpoint, new WatchdogMetrics(engine, api));
        if (metrics is not null) sink.Write(DateTimeOffset.UtcNow, $"metrics at {metrics.Endpoint.Url}", warning: false);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var signals = new List<IDisposable?>
        {
            PosixSignals.Register(PosixSignals.Terminate, () => Stop(sink, stop, "SIGTERM")),
            PosixSignals.Register(PosixSignals.Interrupt, () => Stop(sink, stop, "SIGINT")),
            PosixSignals.Register(PosixSignals.User1, () => Adjust(sink, engine, -1, "SIGUSR1")),
            PosixSignals.Register(PosixSignals.User2, () => Adjust(sink, engine, +1, "SIGUSR2")),
        };
        try
        {
            var run = engine.RunAsync(stop.Token);
            await foreach (var watchdogEvent in engine.Events.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
                sink.Write(watchdogEvent.Timestamp, EventLine.Of(watchdogEvent), EventLine.IsWarning(watchdogEvent));
            await run.ConfigureAwait(false);
            return 0;
        }
        catch (SocketException e)
        {
            throw new IOException($"cannot listen on {options.Bind}: {e.Message}", e);
        }
        finally
        {
            foreach (var signal in signals) signal?.Dispose();
        }
    }

    private static MetricsServer Serve(MetricsEndpoint endpoint, WatchdogMetrics metrics)
    {
        try
        {
            return new MetricsServer(endpoint, metrics.Render);
        }
        catch (SocketException e)
        {
            throw new IOException($"cannot serve metrics on {endpoint.Address}: {e.Message}", e);
        }
    }

    // The stop releases the Elastic IP; the process exits 0 once the engine has stopped, not at the signal.
    private static bool Stop(LogSink sink, CancellationTokenSource stop, string signal)
    {
        if (!stop.IsCancellationRequested)
        {
            sink.Write(DateTimeOffset.UtcNow, $"{signal}: stopping; a master hands the Elastic IP over first", warning: false);
            stop.Cancel();
        }
        return true;
    }

    private static bool Adjust(LogSink sink, WatchdogEngine engine, int delta, string signal)
    {
        var priority = engine.AdjustPriority(delta);
        sink.Write(DateTimeOffset.UtcNow, $"{signal}: priority is now {priority}", warning: false);
        return true;
    }
}
