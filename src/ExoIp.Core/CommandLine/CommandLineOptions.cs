using System;
using System.Collections.Generic;
using System.Linq;
using ExoIp.Configuration;
using ExoIp.Health;
using ExoIp.Metrics;
using ExoIp.Processes;
using ExoIp.Watchdog;

namespace ExoIp.CommandLine;

/// <summary>
/// The one definition of the <c>exoip</c> command line, used by the native executable and by exoip-command.ps1 (through
/// the module's assembly), so the two cannot drift: each row is a flag, its setting, its variables, its help and
/// its value's check. New options are new rows.
/// </summary>
public static class CommandLineOptions
{
    /// <summary>Every flag, in the usage text's order.</summary>
    public static IReadOnlyList<CommandLineOption> All { get; } = new[]
    {
        CommandLineOption.Switch("-A", "Associate", "associate the Elastic IP with this instance, then exit", CommandLineMode.Associate),
        CommandLineOption.Switch("-D", "Dissociate", "dissociate the Elastic IP from this instance, then exit", CommandLineMode.Dissociate),
        CommandLineOption.Switch("-C", "Check", "check: exit 0 when the Elastic IP is on this instance, 3 when it is not", CommandLineMode.Check),
        CommandLineOption.Switch("-W", "Watchdog", "watchdog: keep the Elastic IP on one live peer until SIGTERM or SIGINT", CommandLineMode.Watchdog),
        CommandLineOption.Value("-xi", "ElasticIp", "addr", new[] { EnvironmentVariables.Address },
            "the Elastic IP (an id is accepted by -A and -D)", ElasticIpOrId),
        CommandLineOption.Value("-P", "Priority", "int", new[] { EnvironmentVariables.Priority },
            "priority, lower wins, 0-255 (default 10)", v => Integer(v, 0, 255, "priority"), watchdogOnly: true),
        CommandLineOption.Value("-l", "BindAddress", "addr", new[] { EnvironmentVariables.BindTo, EnvironmentVariables.BindAddress },
            "where to listen and send from, :12345 or 10.0.0.1:12345 (default :12345)",
            v => SettingValues.TryParseBind(v, out _) ? null : "is not an IPv4 address and port such as :12345 or 10.0.0.1:12345", watchdogOnly: true),
        CommandLineOption.Value("-i", "InstanceId", "id", new[] { EnvironmentVariables.InstanceId },
            "this instance's id (default: from the metadata service)", v => Guid.TryParse(v, out _) ? null : "is not an instance id (a UUID)"),
        CommandLineOption.Value("-p", "Peer", "peers", new[] { EnvironmentVariables.Peers },
            "peers' IPv4 addresses, comma-separated, the flag repeatable", Peers, watchdogOnly: true, repeatable: true),
        CommandLineOption.Value("-G", "PeerGroup", "group", new[] { EnvironmentVariables.PeerGroup },
            "security group whose running members are the peers (instead of -p)", v => null, watchdogOnly: true),
        CommandLineOption.Value("-I", "InstancePool", "pool", new[] { EnvironmentVariables.InstancePool },
            "Instance Pool whose running members are the peers (instead of -p or -G)", v => null, watchdogOnly: true),
        CommandLineOption.Value("-pr", "PeerRefreshInterval", "sec", new[] { EnvironmentVariables.PeerRefreshInterval },
            "seconds between listings of the peers through the API (default 300)", Seconds, watchdogOnly: true),
        CommandLineOption.Value("-r", "DeadRatio", "int", new[] { EnvironmentVariables.DeadRatio },
            "a peer silent for more than interval x this is dead (default 3)",
            v => Integer(v, 1, WatchdogOptions.MaximumDeadRatio, "dead ratio"), watchdogOnly: true),
        CommandLineOption.Value("-t", "Interval", "sec", new[] { EnvironmentVariables.AdvertisementInterval },
            "seconds between advertisements, fractions allowed (default 1)",
            Seconds, watchdogOnly: true),
        CommandLineOption.Value("-xk", "ApiKey", "key", new[] { EnvironmentVariables.IfApiKey },
            "API key (else EXOSCALE_API_KEY, the CLI's older names, or exoscale.toml)", v => null),
        CommandLineOption.Value("-xs", "ApiSecret", "secret", new[] { EnvironmentVariables.IfApiSecret },
            "API secret (prefer the variable: arguments show in ps)", v => null),
        CommandLineOption.Value("-xe", "ApiEndpoint", "url", new[] { EnvironmentVariables.IfApiEndpoint },
            "API endpoint including /v2; with a zone (IF_EXOSCALE_ZONE, EXOSCALE_ZONE, exoscale.toml defaultZone, else the metadata) it gives that zone's (default: the zone's own)",
            v => Uri.TryCreate(v, UriKind.Absolute, out var url) && (url.Scheme == "https" || url.Scheme == "http") ? null : "is not an http(s) URL"),
        CommandLineOption.Value("-xr", "ReconcileInterval", "sec", new[] { EnvironmentVariables.ReconcileInterval },
            "seconds between reconciliations with the API (default 30)", Seconds, watchdogOnly: true),
        CommandLineOption.Value("-k", "AuthKeyFile", "file", new[] { EnvironmentVariables.AuthKeyFile },
            "sign and verify adverts with the key in this file; two comma-separated (current,next) during a rotation",
            v => v.Split(',').Count(f => f.Trim().Length > 0) is 1 or 2 ? null : "names one or two key files, comma-separated", watchdogOnly: true),
        CommandLineOption.Value("-m", "MetricsEndpoint", "url", new[] { EnvironmentVariables.MetricsAddress },
            "serve Prometheus metrics there, e.g. http://127.0.0.1:9707/metrics (default: off)",
            v => MetricsEndpoint.TryParse(v, out var problem) is null ? problem : null, watchdogOnly: true),
        // Health checks (the -c family) and the notify command (-N): README, "Service-aware failover".
        CommandLineOption.Value("-c", "HealthCheck", "check", new[] { EnvironmentVariables.HealthCheck },
            "health check tcp://host:port, http(s)://host[:port]/path; space-separated, the flag repeatable", Checks, watchdogOnly: true, repeatable: true),
        CommandLineOption.Value("-cc", "HealthCheckCommand", "cmd", new[] { EnvironmentVariables.HealthCheckCommand },
            "health check command line, run without a shell; healthy on exit code 0", Command, watchdogOnly: true),
        CommandLineOption.Value("-ci", "HealthCheckInterval", "sec", new[] { EnvironmentVariables.HealthCheckInterval },
            "seconds between rounds of health checks (default 1)", Seconds, watchdogOnly: true),
        CommandLineOption.Value("-ct", "HealthCheckTimeout", "sec", new[] { EnvironmentVariables.HealthCheckTimeout },
            "seconds one health check may take, at most -ci (default: the smaller of 1 and -ci)", Seconds, watchdogOnly: true),
        CommandLineOption.Value("-cf", "HealthCheckFall", "int", new[] { EnvironmentVariables.HealthCheckFall },
            "failed rounds that make the node unhealthy (default 3)", v => Integer(v, 1, HealthCheckOptions.MaximumCount, "count of rounds"), watchdogOnly: true),
        CommandLineOption.Value("-cr", "HealthCheckRise", "int", new[] { EnvironmentVariables.HealthCheckRise },
            "passed rounds that make it healthy again (default 2)", v => Integer(v, 1, HealthCheckOptions.MaximumCount, "count of rounds"), watchdogOnly: true),
        CommandLineOption.Switch("-cs", "HealthCheckSkipCertificateCheck", "https:// health checks accept any certificate",
            new[] { EnvironmentVariables.HealthCheckSkipCertificateCheck }, watchdogOnly: true),
        CommandLineOption.Value("-N", "NotifyCommand", "cmd", new[] { EnvironmentVariables.NotifyCommand },
            "run on every role change, without a shell, with ROLE ELASTIC_IP appended and EXOIP_* set", Command, watchdogOnly: true),
        CommandLineOption.Value("-Nt", "NotifyTimeout", "sec", new[] { EnvironmentVariables.NotifyTimeout },
            "seconds a notify run may take before it is killed (default 30)", Seconds, watchdogOnly: true),
        // Preemption control: README, "Preemption: -PreemptDelay and -NoPreempt".
        CommandLineOption.Value("-Pd", "PreemptDelay", "sec", new[] { EnvironmentVariables.PreemptDelay },
            "seconds a better node waits, alive and healthy, before it takes the Elastic IP back (default 0)",
            v => SettingValues.TryParseSeconds(v, 0, WatchdogOptions.MaximumPreemptDelay.TotalSeconds, out _) ? null : "is not a number of seconds from 0 to 3600",
            watchdogOnly: true),
        CommandLineOption.Switch("-Pn", "NoPreempt", "never take the Elastic IP from a live, healthy holder",
            new[] { EnvironmentVariables.NoPreempt }, watchdogOnly: true),
        CommandLineOption.Switch("-K", "KeepElasticIp", "on SIGTERM or SIGINT keep the Elastic IP (a planned restart of a lone node) instead of handing it over",
            new[] { EnvironmentVariables.KeepElasticIp }, watchdogOnly: true),
        // Linux operation: README, "Operate".
        CommandLineOption.Value("-f", "ConfigFile", "file", Array.Empty<string>(),
            "read KEY=VALUE lines (the IF_* variables, systemd EnvironmentFile syntax) from this file; flags win over it, it wins over the environment",
            v => v.Trim().Length > 0 ? null : "is not a file name"),
        CommandLineOption.Switch("-S", "Status", "status: ask the watchdog running on this host for its state, then exit (3 when none answers)", CommandLineMode.Status),
        CommandLineOption.Value("-s", "StatusSocket", "path", new[] { EnvironmentVariables.StatusSocket },
            "the status socket -W serves and -S asks (default /run/exoip/<elastic ip>.sock)", v => v.StartsWith("/", StringComparison.Ordinal) ? null : "is not an absolute path"),
        CommandLineOption.Switch("-j", "Json", "with -S: the state as JSON"),
        CommandLineOption.Switch("-n", "ValidateOnly", "check the configuration (and that the API knows the Elastic IP), change nothing, exit"),
        CommandLineOption.Switch("-v", "Verbose", "verbose: also what the API client and the election do"),
        CommandLineOption.Switch("-O", "LogToStdout", "log to standard output instead of syslog"),
        CommandLineOption.Switch("-h", "Help", "print this help and exit (also --help)", CommandLineMode.Help),
        CommandLineOption.Switch("-V", "Version", "print the version and the build's commit, then exit (also --version)", CommandLineMode.Version),
    };

    /// <summary>The row of <paramref name="flag"/> (case-sensitive; --help is -h, --version is -V), or null.</summary>
    public static CommandLineOption? Find(string flag) =>
        All.FirstOrDefault(o => o.Flag == ShortForm(flag));

    /// <summary>The short flag a long one stands for (<c>--help</c> is <c>-h</c>, <c>--version</c> is <c>-V</c>); others as they are.</summary>
    public static string ShortForm(string flag) => flag switch
    {
        "--help" => "-h",
        "--version" => "-V",
        _ => flag,
    };

    private static string? Integer(string value, int min, int max, string what) =>
        SettingValues.TryParseInteger(value, min, max, out _) ? null : $"is not a {what} ({min}-{max})";

    private static string? Seconds(string value) => SettingValues.TryParseInterval(value, out _) ? null
        : $"is not a number of seconds from {WatchdogOptions.MinimumIntervalSeconds} to {WatchdogOptions.MaximumIntervalSeconds}";

    private static string? Command(string value)
    {
        try
        {
            ExternalCommand.Parse(value);
            return null;
        }
        catch (FormatException e)
        {
            return "cannot run: " + e.Message;
        }
    }

    private static string? Checks(string value)
    {
        var checks = value.Split(new[] { ' ', '\t', ',' }, StringSplitOptions.RemoveEmptyEntries);
        if (checks.Length == 0) return "lists no check";
        foreach (var check in checks)
        {
            try
            {
                (HealthCheckParser.Parse(check) as IDisposable)?.Dispose();
            }
            catch (FormatException e)
            {
                return "is not a health check: " + e.Message;
            }
        }
        return null;
    }

    private static string? ElasticIpOrId(string value) =>
        AddressSyntax.IsElasticIpReference(value) ? null : "is not an IPv4 address or an Elastic IP id (a UUID)";

    private static string? Peers(string value)
    {
        var peers = PeerList.Parse(value);
        if (peers.Invalid.Count > 0) return $"has '{peers.Invalid[0]}', which is not an IPv4 address";
        return peers.Addresses.Count == 0 ? "lists no peer" : null;
    }
}
