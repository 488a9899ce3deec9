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
    /// <summary>Resolves and validates the options; <paramref name="origins"/> gets a line per value found.</summary>
    /// <exception cref="ConfigurationException">An option is missing or invalid.</exception>
    public static WatchdogOptions Resolve(
        SettingSources sources, Guid instanceId, string? name, TimeSpan? peerRefreshInterval, TimeSpan? reconcileInterval, ICollection<string> origins)
    {
        ResolvedSetting? Find(string parameter, params string[] variables)
        {
            var found = sources.Find(parameter, variables);
            if (found is not null) origins.Add($"{parameter} {found.Value} from {found.Source}");
            return found;
        }

        var elasticIp = Find("ElasticIp", EnvironmentVariables.Address)
            ?? throw new ConfigurationException("ElasticIp", "No Elastic IP: give -ElasticIp or set IF_ADDRESS.", missing: true);
        var (peers, group) = PeerSources(sources, Find);
        var defaults = new WatchdogOptions();
        var options = new WatchdogOptions
        {
            Name = name,
            ElasticIp = ParseIPv4(elasticIp, "ElasticIp"),
            InstanceId = instanceId,
            Priority = (byte)ParseInteger(Find("Priority", EnvironmentVariables.Priority), "Priority", 0, 255, defaults.Priority),
            Bind = Find("BindAddress", EnvironmentVariables.BindTo, EnvironmentVariables.BindAddress) is { } bind ? ParseBind(bind) : defaults.Bind,
            Peers = peers?.Value.Split(new[] { ',', ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(p => ParseIPv4(new ResolvedSetting(p, peers.Source), "Peer")).ToList(),
            PeerGroup = group?.Value,
            DeadRatio = ParseInteger(Find("DeadRatio", EnvironmentVariables.DeadRatio), "DeadRatio", 1, WatchdogOptions.MaximumDeadRatio, defaults.DeadRatio),
            Interval = ParseSeconds(Find("Interval", EnvironmentVariables.AdvertisementInterval), "Interval", defaults.Interval),
            PeerRefreshInterval = peerRefreshInterval ?? defaults.PeerRefreshInterval,
            ReconcileInterval = reconcileInterval ?? defaults.ReconcileInterval,
        };

        var error = options.Validate().FirstOrDefault();
        if (error is not null) throw new ConfigurationException(ParameterOf(error.Option), error.Message, missing: error.IsMissing);
        return options;
    }

    // -Peer and -PeerGroup are exclusive; a parameter for one of them hides the environment's value for the other.
    private static (ResolvedSetting? Peers, ResolvedSetting? Group) PeerSources(SettingSources sources, Func<string, string[], ResolvedSetting?> find)
    {
        bool Given(string parameter) => sources.Parameters.TryGetValue(parameter, out var value) && !string.IsNullOrWhiteSpace(value);
        var useEnvironment = !Given("Peer") && !Given("PeerGroup");
        return (
            find("Peer", useEnvironment ? new[] { EnvironmentVariables.Peers } : Array.Empty<string>()),
            find("PeerGroup", useEnvironment ? new[] { EnvironmentVariables.PeerGroup } : Array.Empty<string>()));
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
        if (IPAddress.TryParse(setting.Value, out var address) && address.AddressFamily == AddressFamily.InterNetwork
            && setting.Value.Count(c => c == '.') == 3)
            return address;
        throw new ConfigurationException(option, $"{option} '{setting.Value}' from {setting.Source} is not an IPv4 address.");
    }

    internal static int ParseInteger(ResolvedSetting? setting, string option, int min, int max, int fallback)
    {
        if (setting is null) return fallback;
        if (int.TryParse(setting.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        throw new ConfigurationException(option, $"{option} '{setting.Value}' from {setting.Source} is not a whole number from {min} to {max}.");
    }

    internal static TimeSpan ParseSeconds(ResolvedSetting? setting, string option, TimeSpan fallback)
    {
        if (setting is null) return fallback;
        if (double.TryParse(setting.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && seconds >= WatchdogOptions.MinimumIntervalSeconds && seconds <= WatchdogOptions.MaximumIntervalSeconds)
            return TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
        throw new ConfigurationException(option,
            $"{option} '{setting.Value}' from {setting.Source} is not a number of seconds from {WatchdogOptions.MinimumIntervalSeconds} to {WatchdogOptions.MaximumIntervalSeconds}.");
    }

    // The original's forms: ":12345" (every address), "10.0.0.1:12345", and a bare address on the default port.
    private static IPEndPoint ParseBind(ResolvedSetting setting)
    {
        var text = setting.Value;
        var colon = text.LastIndexOf(':');
        var host = colon < 0 ? text : text.Substring(0, colon);
        var portText = colon < 0 ? WatchdogOptions.DefaultPort.ToString(CultureInfo.InvariantCulture) : text.Substring(colon + 1);
        var address = host.Length == 0 ? IPAddress.Any : null;
        if ((address is not null || (IPAddress.TryParse(host, out address) && address.AddressFamily == AddressFamily.InterNetwork))
            && int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535)
            return new IPEndPoint(address!, port);
        throw new ConfigurationException("BindAddress",
            $"BindAddress '{text}' from {setting.Source} is not an IPv4 address and port such as :12345 or 10.0.0.1:12345.");
    }
}
