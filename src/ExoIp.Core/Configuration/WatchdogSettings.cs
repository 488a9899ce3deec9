using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using ExoIp.Watchdog;

namespace ExoIp.Configuration;

/// <summary>
/// Watchdog options from their sources: a cmdlet parameter, else the original exoip's IF_* variable,
/// else the default. Every error names the option and where its value came from.
/// </summary>
public static class WatchdogSettings
{
    /// <summary>
    /// Resolves and validates the options; <paramref name="origins"/> gets a line per setting saying where its
    /// value came from (a parameter, a variable, or the default). Every invalid option is reported at once,
    /// named as the host names it (<c>-ElasticIp</c>, <c>-xi</c>).
    /// </summary>
    /// <param name="sources">Parameters, environment.</param>
    /// <param name="instanceId">This instance's id; <see cref="Guid.Empty"/> while it is still to be asked from the metadata service.</param>
    /// <param name="name">The watchdog's name, if any.</param>
    /// <param name="peerRefreshInterval">How often the peers are listed again, when given.</param>
    /// <param name="reconcileInterval">How often the holders are checked, when given.</param>
    /// <param name="origins">Where each value came from, for Verbose.</param>
    /// <exception cref="ConfigurationException">An option is missing or invalid.</exception>
    public static WatchdogOptions Resolve(
        SettingSources sources, Guid instanceId, string? name, TimeSpan? peerRefreshInterval, TimeSpan? reconcileInterval, ICollection<string> origins)
    {
        var given = new HashSet<string>(StringComparer.Ordinal);
        ResolvedSetting? Find(string parameter, params string[] variables)
        {
            var found = sources.Find(parameter, variables);
            if (found is null) return null;
            given.Add(parameter);
            origins.Add($"{parameter} {found.Value} from {found.Source}");
            return found;
        }

        // Each value is parsed even when another one failed: every problem is reported at once.
        var problems = new ConfigurationProblems();
        var elasticIp = Find("ElasticIp", EnvironmentVariables.Address);
        if (elasticIp is null)
            problems.Add(new ConfigurationException("ElasticIp", $"No Elastic IP: give {sources.Ways("ElasticIp", EnvironmentVariables.Address)}.", missing: true));
        var (peers, group, pool) = PeerSources(sources, Find);
        var defaults = new WatchdogOptions();
        var options = new WatchdogOptions
        {
            Name = name,
            ElasticIp = elasticIp is null ? null : problems.Check(() => ParseIPv4(elasticIp, "ElasticIp")),
            InstanceId = instanceId,
            Priority = (byte)problems.Value(() => ParseInteger(Find("Priority", EnvironmentVariables.Priority), "Priority", 0, 255, defaults.Priority), defaults.Priority),
            Bind = Find("BindAddress", EnvironmentVariables.BindTo, EnvironmentVariables.BindAddress) is { } bind
                ? problems.Check(() => ParseBind(bind)) ?? defaults.Bind
                : defaults.Bind,
            Peers = peers is null ? null : problems.Check(() => ParsePeers(peers)),
            PeerGroup = group?.Value,
            InstancePool = pool?.Value,
            DeadRatio = problems.Value(() => ParseInteger(Find("DeadRatio", EnvironmentVariables.DeadRatio), "DeadRatio", 1, WatchdogOptions.MaximumDeadRatio, defaults.DeadRatio), defaults.DeadRatio),
            Interval = problems.Value(() => ParseSeconds(Find("Interval", EnvironmentVariables.AdvertisementInterval), "Interval", defaults.Interval), defaults.Interval),
            // A cmdlet's TimeSpan parameter wins; the command line's flag and the variable count in seconds.
            PeerRefreshInterval = peerRefreshInterval ?? problems.Value(() => ParseSeconds(
                Find("PeerRefreshInterval", EnvironmentVariables.PeerRefreshInterval), "PeerRefreshInterval", defaults.PeerRefreshInterval), defaults.PeerRefreshInterval),
            ReconcileInterval = reconcileInterval ?? problems.Value(() => ParseSeconds(
                Find("ReconcileInterval", EnvironmentVariables.ReconcileInterval), "ReconcileInterval", defaults.ReconcileInterval), defaults.ReconcileInterval),
            PreemptDelay = problems.Value(() => ParsePreemptDelay(Find("PreemptDelay", EnvironmentVariables.PreemptDelay)), TimeSpan.Zero),
            NoPreempt = problems.Value(() => ParseSwitch(Find("NoPreempt", EnvironmentVariables.NoPreempt), "NoPreempt"), false),
        };

        void Default(string parameter, object value)
        {
            if (!given.Contains(parameter)) origins.Add(FormattableString.Invariant($"{parameter} {value} (default)"));
        }
        Default("Priority", options.Priority);
        Default("BindAddress", options.Bind);
        Default("DeadRatio", options.DeadRatio);
        Default("Interval", options.Interval.TotalSeconds + " s");
        if (peerRefreshInterval is not null) origins.Add(FormattableString.Invariant($"PeerRefreshInterval {peerRefreshInterval} from -PeerRefreshInterval"));
        else Default("PeerRefreshInterval", options.PeerRefreshInterval.TotalSeconds + " s");
        if (reconcileInterval is not null) origins.Add(FormattableString.Invariant($"ReconcileInterval {reconcileInterval} from -ReconcileInterval"));
        else Default("ReconcileInterval", options.ReconcileInterval.TotalSeconds + " s");

        // A value that failed to parse stands in with a usable one above; only its own problem is reported.
        var addressUnparsed = elasticIp is null || options.ElasticIp is null;
        var peersUnparsed = peers is not null && options.Peers is null;
        foreach (var error in options.Validate().Where(e =>
                     !(e.Option == nameof(WatchdogOptions.InstanceId) && instanceId == Guid.Empty) &&
                     !(e.Option == nameof(WatchdogOptions.ElasticIp) && addressUnparsed) &&
                     !(e.Option == "Peers/PeerGroup" && e.IsMissing && peersUnparsed)))
            problems.Add(new ConfigurationException(ParameterOf(error.Option), Describe(error, sources), missing: error.IsMissing));
        problems.ThrowIfAny();
        return options;
    }

    /// <summary>An option's error in the host's words: "-xi: ..." for the command line, "-ElasticIp: ..." for the cmdlets.</summary>
    internal static string Describe(WatchdogOptionError error, SettingSources sources)
    {
        if (error.Option == "Peers/PeerGroup")
        {
            var flags = $"{sources.Name("Peer")}, {sources.Name("PeerGroup")} or {sources.Name("InstancePool")}";
            return error.IsMissing
                ? $"No peers: give one of {flags}, or set {EnvironmentVariables.Peers}, {EnvironmentVariables.PeerGroup} or {EnvironmentVariables.InstancePool}."
                : $"{flags} are exclusive: give only one of them.";
        }
        var prefix = error.Option + ": ";
        var name = sources.Name(ParameterOf(error.Option));
        return name is not null && error.Message.StartsWith(prefix, StringComparison.Ordinal)
            ? name + ": " + error.Message.Substring(prefix.Length)
            : error.Message;
    }

    // -Peer, -PeerGroup and -InstancePool are exclusive; a parameter for one of them hides the environment's values for the others.
    private static (ResolvedSetting? Peers, ResolvedSetting? Group, ResolvedSetting? Pool) PeerSources(
        SettingSources sources, Func<string, string[], ResolvedSetting?> find)
    {
        bool Given(string parameter) => sources.Parameters.TryGetValue(parameter, out var value) && !string.IsNullOrWhiteSpace(value);
        var useEnvironment = !Given("Peer") && !Given("PeerGroup") && !Given("InstancePool");
        string[] Variable(string name) => useEnvironment ? new[] { name } : Array.Empty<string>();
        return (
            find("Peer", Variable(EnvironmentVariables.Peers)),
            find("PeerGroup", Variable(EnvironmentVariables.PeerGroup)),
            find("InstancePool", Variable(EnvironmentVariables.InstancePool)));
    }

    private static string ParameterOf(string option) => option switch
    {
        nameof(WatchdogOptions.Bind) => "BindAddress",
        nameof(WatchdogOptions.Peers) => "Peer",
        "Peers/PeerGroup" => "Peer",
        _ => option,
    };

    private static IPAddress ParseIPv4(ResolvedSetting setting, string option)
    {
        if (AddressSyntax.TryParseIPv4(setting.Value, out var address)) return address;
        throw new ConfigurationException(option, $"{option} '{setting.Value}' from {setting.Source} is not an IPv4 address.");
    }

    private static IReadOnlyList<IPAddress> ParsePeers(ResolvedSetting setting)
    {
        var list = PeerList.Parse(setting.Value);
        if (list.Invalid.Count > 0)
            throw new ConfigurationException("Peer", $"Peer '{list.Invalid[0]}' from {setting.Source} is not an IPv4 address.");
        return list.Addresses;
    }

    internal static int ParseInteger(ResolvedSetting? setting, string option, int min, int max, int fallback)
    {
        if (setting is null) return fallback;
        if (SettingValues.TryParseInteger(setting.Value, min, max, out var value)) return value;
        throw new ConfigurationException(option, $"{option} '{setting.Value}' from {setting.Source} is not a whole number from {min} to {max}.");
    }

    internal static bool ParseSwitch(ResolvedSetting? setting, string option)
    {
        if (setting is null) return false;
        if (SettingValues.TryParseSwitch(setting.Value, out var value)) return value;
        throw new ConfigurationException(option, $"{option} '{setting.Value}' from {setting.Source} is not yes or no.");
    }

    private static TimeSpan ParsePreemptDelay(ResolvedSetting? setting)
    {
        if (setting is null) return TimeSpan.Zero;
        var max = WatchdogOptions.MaximumPreemptDelay.TotalSeconds;
        if (SettingValues.TryParseSeconds(setting.Value, 0, max, out var delay)) return delay;
        throw new ConfigurationException("PreemptDelay", $"PreemptDelay '{setting.Value}' from {setting.Source} is not a number of seconds from 0 to {max}.");
    }

    internal static TimeSpan ParseSeconds(ResolvedSetting? setting, string option, TimeSpan fallback)
    {
        if (setting is null) return fallback;
        if (SettingValues.TryParseInterval(setting.Value, out var interval)) return interval;
        throw new ConfigurationException(option,
            $"{option} '{setting.Value}' from {setting.Source} is not a number of seconds from {WatchdogOptions.MinimumIntervalSeconds} to {WatchdogOptions.MaximumIntervalSeconds}.");
    }

    private static IPEndPoint ParseBind(ResolvedSetting setting) =>
        SettingValues.TryParseBind(setting.Value, out var bind)
            ? bind
            : throw new ConfigurationException("BindAddress",
                $"BindAddress '{setting.Value}' from {setting.Source} is not an IPv4 address and port such as :12345 or 10.0.0.1:12345.");
}
