using System;
using System.Collections.Generic;
using System.Linq;
using ExoIp.Authentication;
using ExoIp.CommandLine;
using ExoIp.Configuration;
using ExoIp.Notify;
using ExoIp.Systemd;
using ExoIp.Watchdog;

namespace ExoIp.Cli;

/// <summary>
/// SIGHUP (<c>systemctl reload exoip</c>): re-reads the -f file into the running watchdog, without dropping the
/// Elastic IP. The new configuration is checked whole first: an invalid file leaves the running one as it is and
/// says why. What changed applies at once, in one step of the watchdog's loop (<see cref="Reconfiguration"/>): the
/// priority, the peers and their refresh interval, the health checks, the notify command, the preemption rule, -K, and
/// the advert keys (a rotation rewrites the key files). The bind address, the Elastic IP and the instance id cannot change while
/// running; the interval, the dead ratio, the reconciliation interval, the API account and endpoint, the metrics
/// listener and the status socket wait for a restart (README "Operate" says why). One log line says which is which.
/// </summary>
internal sealed class ConfigurationReload
{
    private static readonly string[] Fixed = { "BindAddress", "ElasticIp", "InstanceId" };
    private static readonly string[] PeerSource = { "Peer", "PeerGroup", "InstancePool" };
    private static readonly string[] Preemption = { "PreemptDelay", "NoPreempt" };
    private static readonly string[] Health =
    {
        "HealthCheck", "HealthCheckCommand", "HealthCheckInterval", "HealthCheckTimeout", "HealthCheckFall", "HealthCheckRise", "HealthCheckSkipCertificateCheck",
    };
    private static readonly string[] Notify = { "NotifyCommand", "NotifyTimeout" };
    // Everything a reload applies at once; the key files only to a watchdog started with one (README, "Authenticated adverts").
    private static readonly string[] Live = new[] { "Priority", "KeepElasticIp", "AuthKeyFile", "PeerRefreshInterval" }.Concat(PeerSource).Concat(Preemption).Concat(Health).Concat(Notify).ToArray();

    private readonly string[] _arguments;
    private readonly Guid _instanceId;
    private readonly WatchdogEngine _engine;
    private readonly StopRequest _stop;
    private readonly LogSink _sink;
    private readonly ServiceNotifier? _service;
    private readonly object _gate = new();
    private Dictionary<string, string?> _values;

    public ConfigurationReload(CommandLineContext context, Guid instanceId, WatchdogEngine engine, StopRequest stop, ServiceNotifier? service)
    {
        _arguments = context.Arguments;
        _instanceId = instanceId;
        _engine = engine;
        _stop = stop;
        _sink = context.Sink;
        _service = service;
        _values = Values(context.Sources);
    }

    /// <summary>Handles SIGHUP beside the signal thread; true, so the runtime does not end the process.</summary>
    public bool Request()
    {
        _ = System.Threading.Tasks.Task.Run(Reload);
        return true;
    }

    private void Reload()
    {
        lock (_gate)
        {
            _service?.Reloading();
            try
            {
                _sink.Write(DateTimeOffset.UtcNow, "SIGHUP: " + Apply(), LineSeverity.Info);
            }
            catch (Exception e) when (e is UsageException or ConfigurationException or AuthKeyException or ArgumentException)
            {
                _sink.Write(DateTimeOffset.UtcNow, $"SIGHUP: not reloaded, the running configuration stays: {e.Message}", LineSeverity.Warning);
            }
            finally
            {
                _service?.Reloaded();
            }
        }
    }

    private string Apply()
    {
        var line = CommandLineParser.Parse(_arguments);
        if (line.File is null) return "nothing to reload: exoip was started without -f";
        using var context = new CommandLineContext(_arguments, line, _sink);
        // The whole configuration must resolve before any of it is applied.
        var origins = new List<string>();
        var options = WatchdogSettings.Resolve(context.Sources, _instanceId, null, null, null, origins);
        var keys = AuthSettings.Resolve(context.Sources, origins);
        var health = HealthSettings.Resolve(context.Sources, origins);
        var keep = context.Sources.FindGiven("KeepElasticIp", new[] { EnvironmentVariables.KeepElasticIp }) is { } given
            && SettingValues.TryParseSwitch(given.Value, out var yes) && yes;

        var values = Values(context.Sources);
        var changed = values.Keys.Where(k => values[k] != _values.GetValueOrDefault(k)).ToList();
        bool Changed(string[] settings) => changed.Any(settings.Contains);
        var applied = changed.Where(c => Live.Contains(c) && (c != "AuthKeyFile" || _engine.AuthKeys is not null)).ToList();
        if (applied.Count > 0)
        {
            // One step of the loop applies it all: a better priority and -Pn in one reload never preempt in between.
            _engine.Reconfigure(new Reconfiguration(options with { HealthCheck = health.Options, NotifyTimeout = health.NotifyTimeout })
            {
                Priority = changed.Contains("Priority") ? options.Priority : null,
                HealthChecks = Changed(Health) ? health.CreateChecks() : null,
                NotifyHooks = !Changed(Notify) ? null
                    : health.NotifyCommand is { } notify ? new INotifyHook[] { new CommandNotifyHook(notify) } : Array.Empty<INotifyHook>(),
            });
        }
        _stop.Keep = keep;
        var done = applied.Where(c => c is not ("Priority" or "AuthKeyFile")).Select(Flag).ToList();
        if (applied.Contains("Priority")) done.Insert(0, $"priority {options.Priority}");
        // Key files are read again whatever their names: a rotation rewrites them in place.
        if (keys is not null && _engine.AuthKeys is { } running && !SameKeys(running, keys))
        {
            _engine.UseAuthKeys(keys);
            done.Add("advert keys");
        }
        var kept = changed.Where(Fixed.Contains).Select(Flag).ToList();
        var later = changed.Where(c => !Fixed.Contains(c) && !applied.Contains(c)).Select(Flag).ToList();
        // What cannot apply now stays as it runs: the next reload compares against that.
        foreach (var key in applied) _values[key] = values[key];

        var parts = new List<string> { $"re-read {line.File.Path}" };
        parts.Add(done.Count > 0 ? "applied " + string.Join(", ", done) : "nothing to apply");
        if (kept.Count > 0) parts.Add("cannot change while running (left as they were): " + string.Join(", ", kept));
        if (later.Count > 0) parts.Add("changed but applied only by a restart: " + string.Join(", ", later));
        return string.Join("; ", parts);
    }

    private static bool SameKeys(AuthKeyRing running, AuthKeyRing read) =>
        running.Keys.Select(k => k.Id).SequenceEqual(read.Keys.Select(k => k.Id));

    // Each setting of the command line as it resolves now (flag, file or environment), by setting name.
    private static Dictionary<string, string?> Values(SettingSources sources) =>
        CommandLineOptions.All.Where(o => o.Variables.Count > 0)
            .ToDictionary(o => o.Setting, o => sources.FindGiven(o.Setting, o.Variables)?.Value);

    private static string Flag(string setting) => CommandLineOptions.All.First(o => o.Setting == setting) is var option
        ? $"{option.Setting} ({option.Flag})" : setting;
}
