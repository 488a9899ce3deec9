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
using ExoIp.Status;
using ExoIp.Systemd;
using ExoIp.Watchdog;
using Microsoft.Extensions.Logging;

namespace ExoIp.Cli;

/// <summary>
/// -W: the watchdog until SIGTERM or SIGINT, which hand the Elastic IP over (or release it; -K keeps it) and
/// exit 0; SIGUSR1 and SIGUSR2 lower and raise the priority. Each event is one line; -m serves the metrics; -c and
/// -cc check the service, -N runs a command on every role change; SIGHUP re-reads the -f file
/// (<see cref="ConfigurationReload"/>); -S asks it on its status socket. Under systemd it speaks the notify
/// protocol (<see cref="ServiceNotifier"/>).
/// </summary>
internal static class WatchdogMode
{
    public static async Task<int> RunAsync(CommandLineContext context, TextWriter output, CancellationToken cancellationToken)
    {
        // Everything local first, every problem in one run, before the metadata service or the API is asked.
        var local = context.Settings.CheckWatchdog();
        foreach (var origin in local.Origins) context.Verbose(origin);
        var instanceId = local.InstanceId == Guid.Empty ? await context.InstanceIdFromMetadataAsync(cancellationToken).ConfigureAwait(false) : local.InstanceId;
        var health = local.Health;
        var options = local.Options with { InstanceId = instanceId, AuthKeys = local.AuthKeys, HealthCheck = health.Options, NotifyTimeout = health.NotifyTimeout };

        var sink = context.Sink;
        var verbose = context.Line.Verbose;
        using var client = await context.CreateClientAsync(
            local.Api, new LineLogger(sink, verbose ? LogLevel.Debug : LogLevel.Warning), o => o.ConfigureFor(options), cancellationToken).ConfigureAwait(false);
        // What -n refuses (key, Elastic IP, instance, group, peers) ends the start before anything is taken. An API that
        // does not answer now is no reason not to start: the watchdog retries.
        try
        {
            var report = await WatchdogPreflight.CheckAsync(client, options, context.Line.ValidateOnly, cancellationToken).ConfigureAwait(false);
            foreach (var fact in report.Facts) context.Verbose(fact);
            foreach (var warning in report.Warnings) sink.Write(DateTimeOffset.UtcNow, warning, LineSeverity.Warning);
        }
        catch (Exception e) when (!context.Line.ValidateOnly && e is ExoscaleUnavailableException or ExoscaleTimeoutException)
        {
            sink.Write(DateTimeOffset.UtcNow, $"the configuration could not be checked with the API ({e.Message}); starting anyway, the watchdog retries", LineSeverity.Warning);
        }
        catch (SocketException e) when (context.Line.ValidateOnly && e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            // The bind is the last check: the rest passed. A running watchdog holds the port; checking a file before a reload is the point.
            output.WriteLine($"The configuration is valid: Elastic IP {options.ElasticIp}, instance {instanceId}; {options.Bind} is in use (by the running exoip, if one runs: exoip -S says).");
            return 0;
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
        // The parser checked the variable's yes/no already.
        var keep = context.Sources.FindGiven("KeepElasticIp", new[] { EnvironmentVariables.KeepElasticIp }) is { } given
            && SettingValues.TryParseSwitch(given.Value, out var kept) && kept;

        var api = new ApiRequestMetrics();
        var hooks = health.NotifyCommand is { } notify ? new INotifyHook[] { new CommandNotifyHook(notify) } : Array.Empty<INotifyHook>();
        var engine = new WatchdogEngine(options, new MeteredExoscaleClient(client, api), healthChecks: health.CreateChecks(), notifyHooks: hooks);
        using var metrics = local.MetricsEndpoint is null ? null : Serve(local.MetricsEndpoint, new WatchdogMetrics(engine, api));
        if (metrics is not null) sink.Write(DateTimeOffset.UtcNow, $"metrics at {metrics.Endpoint.Url}", LineSeverity.Info);

        var activity = new ApiActivity();
        using var status = ServeStatus(context, sink, options.ElasticIp!.ToString(), () => StatusDocument.Write(StatusReport.Of(engine.GetSnapshot(), engine.Options, activity, DateTimeOffset.UtcNow), BuildVersion.Line));
        using var systemd = SystemdNotifier.FromEnvironment(Environment.GetEnvironmentVariable);
        var service = systemd is null ? null
            : new ServiceNotifier(systemd, SystemdWatchdogPeriod.FromEnvironment(Environment.GetEnvironmentVariable, Environment.ProcessId), () => activity.CurrentProblem);
        if (service is not null)
        {
            engine.ObserveLoop(service);
            if (service.PingEvery is { } every && every < options.LoopLookAfter)
                sink.Write(DateTimeOffset.UtcNow, $"WatchdogSec= is under three times the interval ({options.Interval.TotalSeconds} s): an idle loop wakes every {options.LoopLookAfter.TotalSeconds} s at the least and cannot ping every {every.TotalSeconds} s", LineSeverity.Warning);
        }

        var stop = new StopRequest(sink, engine, service, keep);
        var reload = new ConfigurationReload(context, instanceId, engine, stop, service);
        var signals = new List<IDisposable?>
        {
            PosixSignals.Register(PosixSignals.Terminate, () => stop.Request("SIGTERM")),
            PosixSignals.Register(PosixSignals.Interrupt, () => stop.Request("SIGINT")),
            PosixSignals.Register(PosixSignals.User1, () => Adjust(sink, engine, -1, "SIGUSR1")),
            PosixSignals.Register(PosixSignals.User2, () => Adjust(sink, engine, +1, "SIGUSR2")),
            PosixSignals.Register(PosixSignals.Hangup, reload.Request),
        };
        try
        {
            var run = engine.RunAsync(cancellationToken);
            // Every happening is one event: its line is the only one (the engine has no log of its own here).
            await foreach (var watchdogEvent in engine.Events.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                if (!EventLine.IsVerbose(watchdogEvent)) sink.Write(watchdogEvent.Timestamp, EventLine.Of(watchdogEvent), SeverityOf(watchdogEvent));
                else if (verbose) sink.Write(watchdogEvent.Timestamp, "VERBOSE: " + EventLine.Of(watchdogEvent), LineSeverity.Debug);
                activity.Observe(watchdogEvent);
            }
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

    // A given socket (-s, IF_STATUS_SOCKET) must work; the default one is skipped, said once, where /run/exoip cannot
    // be made or another watchdog of the same Elastic IP on this host serves it.
    private static StatusServer? ServeStatus(CommandLineContext context, LogSink sink, string elasticIp, Func<string> render)
    {
        var (path, given) = StatusSocketPath.Resolve(context.Sources, elasticIp);
        if (!given)
        {
            try
            {
                if (!Directory.Exists(StatusSocketPath.Directory))
                    Directory.CreateDirectory(StatusSocketPath.Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                sink.Write(DateTimeOffset.UtcNow, $"no status socket: cannot create {StatusSocketPath.Directory} ({e.GetType().Name}); give -s PATH for exoip -S", LineSeverity.Warning);
                return null;
            }
        }
        StatusServer server;
        try
        {
            server = StatusServer.Listen(path, render);
        }
        catch (IOException e) when (!given)
        {
            // Another watchdog of the same Elastic IP on this host (a test cluster on loopback) has the default one.
            sink.Write(DateTimeOffset.UtcNow, $"no status socket: {e.Message}; give -s PATH for exoip -S", LineSeverity.Warning);
            return null;
        }
        context.Verbose($"status at {server.Path} (exoip -S)");
        return server;
    }

    private static LineSeverity SeverityOf(WatchdogEvent watchdogEvent) =>
        watchdogEvent.Level >= LogLevel.Error ? LineSeverity.Error
        : EventLine.IsWarning(watchdogEvent) ? LineSeverity.Warning
        : LineSeverity.Info;

    private static bool Adjust(LogSink sink, WatchdogEngine engine, int delta, string signal)
    {
        var priority = engine.AdjustPriority(delta);
        sink.Write(DateTimeOffset.UtcNow, $"{signal}: priority is now {priority}", LineSeverity.Info);
        return true;
    }
}
