using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Exoscale;

namespace ExoIp.Configuration;

/// <summary>
/// What an API client needs: credentials and the zone's endpoint, each resolved by precedence
/// (parameter &gt; IF_* &gt; EXOSCALE_* &gt; exoscale.toml), with where each came from.
/// </summary>
public sealed class ApiSettings
{
    private ApiSettings(ApiCredentials credentials, Uri endpoint, string? zone, IReadOnlyList<string> origins)
    {
        Credentials = credentials;
        Endpoint = endpoint;
        Zone = zone;
        Origins = origins;
    }

    /// <summary>Key and secret.</summary>
    public ApiCredentials Credentials { get; }

    /// <summary>The full base URL, including /v2.</summary>
    public Uri Endpoint { get; }

    /// <summary>The zone, when known (an explicit endpoint needs none).</summary>
    public string? Zone { get; }

    /// <summary>Where each value came from, for Verbose output: "API key from IF_EXOSCALE_API_KEY", ... (never a value of the secret).</summary>
    public IReadOnlyList<string> Origins { get; }

    /// <summary>Resolves the settings.</summary>
    /// <param name="sources">Parameters, environment and exoscale.toml.</param>
    /// <param name="zoneFromMetadata">Asks the instance metadata for the zone when nothing else gives one.</param>
    /// <param name="cancellationToken">Cancels the metadata lookup.</param>
    /// <exception cref="ConfigurationException">A setting is missing or invalid; the message names it.</exception>
    public static async Task<ApiSettings> ResolveAsync(
        SettingSources sources, Func<CancellationToken, Task<string>>? zoneFromMetadata, CancellationToken cancellationToken)
    {
        var origins = new List<string>();
        var key = sources.Find("ApiKey", new[] { EnvironmentVariables.IfApiKey, EnvironmentVariables.ExoscaleApiKey }, a => a.Key)
            ?? throw Missing("ApiKey", "API key", "-ApiKey or -Credential", EnvironmentVariables.IfApiKey, EnvironmentVariables.ExoscaleApiKey);
        var secret = sources.Find("ApiSecret", new[] { EnvironmentVariables.IfApiSecret, EnvironmentVariables.ExoscaleApiSecret }, a => a.Secret)
            ?? throw Missing("ApiSecret", "API secret", "-ApiSecret or -Credential", EnvironmentVariables.IfApiSecret, EnvironmentVariables.ExoscaleApiSecret);
        origins.Add($"API key {key.Value} from {key.Source}");
        origins.Add($"API secret from {secret.Source}");

        var endpoint = sources.Find("ApiEndpoint", new[] { EnvironmentVariables.IfApiEndpoint, EnvironmentVariables.ExoscaleApiEndpoint }, a => a.Endpoint);
        var zone = sources.Find("Zone", new[] { EnvironmentVariables.IfZone, EnvironmentVariables.ExoscaleZone }, a => a.DefaultZone);
        Uri url;
        if (endpoint is not null)
        {
            url = ParseEndpoint(endpoint);
            origins.Add($"endpoint {url} from {endpoint.Source}");
        }
        else
        {
            if (zone is null && zoneFromMetadata is not null)
                zone = new ResolvedSetting(await zoneFromMetadata(cancellationToken).ConfigureAwait(false), "instance metadata");
            if (zone is null)
                throw Missing("Zone", "zone", "-Zone or -ApiEndpoint", EnvironmentVariables.ExoscaleZone, EnvironmentVariables.ExoscaleApiEndpoint);
            url = EndpointFor(zone);
            origins.Add($"zone {zone.Value} from {zone.Source}");
        }

        return new ApiSettings(new ApiCredentials(key.Value, secret.Value), url, zone?.Value, origins);
    }

    private static Uri ParseEndpoint(ResolvedSetting endpoint)
    {
        if (!Uri.TryCreate(endpoint.Value, UriKind.Absolute, out var url) || (url.Scheme != "https" && url.Scheme != "http"))
            throw new ConfigurationException("ApiEndpoint", $"The API endpoint '{endpoint.Value}' from {endpoint.Source} is not an http(s) URL.");
        // The original exoip's default pointed at the retired compute API; say so instead of failing later with 403s.
        if (url.AbsolutePath.TrimEnd('/').EndsWith("/compute", StringComparison.OrdinalIgnoreCase))
            throw new ConfigurationException("ApiEndpoint",
                $"The API endpoint '{endpoint.Value}' from {endpoint.Source} is Exoscale's retired compute API; use a v2 endpoint such as https://api-ch-gva-2.exoscale.com/v2, or give -Zone instead.");
        return url;
    }

    private static Uri EndpointFor(ResolvedSetting zone)
    {
        try
        {
            return ExoscaleClientOptions.EndpointForZone(zone.Value);
        }
        catch (ArgumentException)
        {
            throw new ConfigurationException("Zone", $"The zone '{zone.Value}' from {zone.Source} is not a zone name (e.g. ch-gva-2, de-fra-1).");
        }
    }

    private static ConfigurationException Missing(string setting, string what, string parameters, string variable1, string variable2) =>
        new(setting, $"No {what}: give {parameters}, or set {variable1} or {variable2}, or configure an exoscale.toml account.", missing: true);
}
