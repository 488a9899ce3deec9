using System;
using ExoIp.Exoscale;

namespace ExoIp.Configuration;

/// <summary>
/// A configured API endpoint, normalised as Exoscale's CLI and egoscale use it: the legacy
/// <c>https://api.exoscale.com/v1</c> (or that host with no path) means the zone's own
/// <c>https://api-&lt;zone&gt;.exoscale.com/v2</c>; any other endpoint whose path is <c>/v1</c> or empty keeps its
/// host and gets <c>/v2</c> (a proxy, a local emulator); a <c>/v2</c> endpoint is used as it is.
/// </summary>
public sealed class ApiEndpoint
{
    private const string LegacyHost = "api.exoscale.com";

    private ApiEndpoint(Uri? url, string? why)
    {
        Url = url;
        Why = why;
    }

    /// <summary>The base URL to use, <c>/v2</c> included; null when the zone decides it.</summary>
    public Uri? Url { get; }

    /// <summary>Why the configured value was changed (for Verbose); null when it was used as given.</summary>
    public string? Why { get; }

    /// <summary>Normalises <paramref name="endpoint"/>.</summary>
    /// <exception cref="ConfigurationException">Not an http(s) URL, plain HTTP to another host than this one, or the retired compute API.</exception>
    public static ApiEndpoint Normalize(ResolvedSetting endpoint)
    {
        if (!Uri.TryCreate(endpoint.Value, UriKind.Absolute, out var url) || (url.Scheme != "https" && url.Scheme != "http"))
            throw new ConfigurationException("ApiEndpoint", $"The API endpoint '{endpoint.Value}' from {endpoint.Source} is not an http(s) URL.");
        // The client refuses it too; here the message can say where the value came from.
        if (url.Scheme == "http" && !ExoscaleClientOptions.IsLoopback(url))
            throw new ConfigurationException("ApiEndpoint",
                $"The API endpoint '{endpoint.Value}' from {endpoint.Source} uses plain HTTP: signed requests go over HTTP only to a loopback address (127.0.0.0/8, ::1, localhost); use https.");
        var path = url.AbsolutePath.Trim('/');
        // The original exoip's default pointed at the retired compute API; say so instead of failing later with 403s.
        if (path.Equals("compute", StringComparison.OrdinalIgnoreCase) || path.EndsWith("/compute", StringComparison.OrdinalIgnoreCase))
            throw new ConfigurationException("ApiEndpoint",
                $"The API endpoint '{endpoint.Value}' from {endpoint.Source} is Exoscale's retired compute API; use a v2 endpoint such as https://api-ch-gva-2.exoscale.com/v2, or give -Zone instead.");
        var legacyPath = path.Length == 0 || path.Equals("v1", StringComparison.OrdinalIgnoreCase);
        if (!legacyPath) return new ApiEndpoint(url, null);
        if (string.Equals(url.Host, LegacyHost, StringComparison.OrdinalIgnoreCase))
            return new ApiEndpoint(null,
                $"{endpoint.Value} from {endpoint.Source} is Exoscale's legacy base URL: the zone's own v2 endpoint is used, as egoscale does");
        var v2 = new UriBuilder(url) { Path = "/v2", Query = string.Empty, Fragment = string.Empty }.Uri;
        return new ApiEndpoint(v2, $"{endpoint.Value} from {endpoint.Source} has {(path.Length == 0 ? "no path" : "the legacy /v1 path")}: its host is used with /v2");
    }
}
