using System;
using System.Globalization;
using System.Net;
using ExoIp.Configuration;

namespace ExoIp.Metrics;

/// <summary>
/// Where the Prometheus metrics are served: an address, a port and a path. Written as a URL
/// (<c>http://127.0.0.1:9707/metrics</c>), <c>host:port</c>, or <c>:port</c>; without a host it is the
/// loopback address, so metrics reach other hosts only when an address says so.
/// </summary>
public sealed class MetricsEndpoint
{
    /// <summary>The path served when none is given.</summary>
    public const string DefaultPath = "/metrics";

    private MetricsEndpoint(IPEndPoint address, string path)
    {
        Address = address;
        Path = path;
    }

    /// <summary>The address and port to listen on.</summary>
    public IPEndPoint Address { get; }

    /// <summary>The path that serves the metrics, e.g. /metrics.</summary>
    public string Path { get; }

    /// <summary>The URL a scraper uses.</summary>
    public Uri Url => new($"http://{Address}{Path}");

    /// <summary>The endpoint written in <paramref name="text"/>, or null with <paramref name="problem"/> saying what is wrong.</summary>
    public static MetricsEndpoint? TryParse(string text, out string? problem)
    {
        problem = "is not a metrics address such as http://127.0.0.1:9707/metrics, 127.0.0.1:9707 or :9707";
        var value = text.Trim();
        if (value.StartsWith(":", StringComparison.Ordinal)) value = "127.0.0.1" + value;
        if (!value.Contains("://")) value = "http://" + value;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttp
            || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment) || url.UserInfo.Length > 0)
            return null;
        if (!IPAddress.TryParse(url.Host.Trim('[', ']'), out var address))
        {
            problem = "names a host; give an IP address to listen on (127.0.0.1 for this host only)";
            return null;
        }
        if (url.IsDefaultPort && !value.Contains(":" + url.Port.ToString(CultureInfo.InvariantCulture)))
        {
            problem = "has no port (e.g. http://127.0.0.1:9707/metrics)";
            return null;
        }
        problem = null;
        var path = url.AbsolutePath.Length <= 1 ? DefaultPath : url.AbsolutePath;
        return new MetricsEndpoint(new IPEndPoint(address, url.Port), path);
    }

    /// <summary>The endpoint the settings ask for (-MetricsEndpoint, -m, IF_METRICS_ADDRESS), or null when none does.</summary>
    /// <exception cref="ConfigurationException">The value is not an endpoint; the message names where it came from.</exception>
    public static MetricsEndpoint? Resolve(SettingSources sources)
    {
        var found = sources.Find("MetricsEndpoint", new[] { EnvironmentVariables.MetricsAddress });
        if (found is null) return null;
        return TryParse(found.Value, out var problem)
            ?? throw new ConfigurationException("MetricsEndpoint", $"MetricsEndpoint '{found.Value}' from {found.Source} {problem}.");
    }

    /// <summary>The endpoint written in <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">It is not one.</exception>
    public static MetricsEndpoint Parse(string text) =>
        TryParse(text, out var problem) ?? throw new FormatException($"'{text}' {problem}.");

    /// <inheritdoc />
    public override string ToString() => Url.ToString();
}
