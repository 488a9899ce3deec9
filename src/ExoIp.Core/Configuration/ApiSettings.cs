using System;
using System.Collections.Generic;
using System.Linq;
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
    private static readonly string[] KeyVariables = { EnvironmentVariables.IfApiKey, EnvironmentVariables.ExoscaleApiKey };
    private static readonly string[] SecretVariables = { EnvironmentVariables.IfApiSecret, EnvironmentVariables.ExoscaleApiSecret };
    private static readonly string[] ZoneVariables = { EnvironmentVariables.IfZone, EnvironmentVariables.ExoscaleZone };
    private static readonly string[] EndpointVariables = { EnvironmentVariables.IfApiEndpoint, EnvironmentVariables.ExoscaleApiEndpoint };

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
    /// <param name="cancellationToken">Cancels the metadata lookup and the zone list.</param>
    /// <param name="listZones">
    /// Lists the zones an API endpoint knows (<c>GET /zone</c>) with the resolved credentials; a zone not in the
    /// list is refused at once. When null, or when the list cannot be had, the built-in list decides.
    /// </param>
    /// <exception cref="ConfigurationException">A setting is missing or invalid; the message names it.</exception>
    public static async Task<ApiSettings> ResolveAsync(
        SettingSources sources, Func<CancellationToken, Task<string>>? zoneFromMetadata, CancellationToken cancellationToken,
        Func<ApiCredentials, Uri, CancellationToken, Task<IReadOnlyList<string>>>? listZones = null)
    {
        var origins = new List<string>();
        var credentials = ResolveCredentials(sources, origins);

        // The file's zone and endpoint count only when it is read anyway: a fully given call never reads it.
        var zone = sources.FindGiven("Zone", ZoneVariables);
        var endpointSetting = sources.FindGiven("ApiEndpoint", EndpointVariables);
        if (endpointSetting is null && zone is null) zone = sources.FindInFile(a => a.DefaultZone);
        if (endpointSetting is null && sources.AccountRead) endpointSetting = sources.FindInFile(a => a.Endpoint);
        var endpoint = endpointSetting is null ? null : ApiEndpoint.Normalize(endpointSetting);
        if (endpoint?.Why is { } why) origins.Add("endpoint: " + why);
        if (endpoint is { Url: null } && zone is null) zone = sources.FindInFile(a => a.DefaultZone);
        if (zone is not null) RequireZoneName(zone);

        Uri url;
        if (endpoint?.Url is { } given)
        {
            url = given;
            origins.Add($"endpoint {url} from {endpointSetting!.Source}");
            if (zone is not null) origins.Add($"zone {zone.Value} from {zone.Source}: the endpoint decides which zone's API is asked");
        }
        else
        {
            if (zone is null && zoneFromMetadata is not null)
                zone = new ResolvedSetting(await zoneFromMetadata(cancellationToken).ConfigureAwait(false), "instance metadata");
            if (zone is null)
                throw Missing("Zone", "zone", "-Zone or -ApiEndpoint", EnvironmentVariables.ExoscaleZone, EnvironmentVariables.ExoscaleApiEndpoint);
            RequireZoneName(zone);
            url = ExoscaleClientOptions.EndpointForZone(zone.Value);
            origins.Add($"zone {zone.Value} from {zone.Source}");
            origins.Add($"endpoint {url} from the zone");
        }

        if (zone is not null)
            await RequireKnownZoneAsync(zone, credentials, endpoint?.Url, listZones, origins, cancellationToken).ConfigureAwait(false);
        return new ApiSettings(credentials, url, zone?.Value, origins);
    }

    /// <summary>
    /// Key and secret come as a pair from the same kind of place, as in Exoscale's CLI: both given (parameters or
    /// variables), else both from the file. A key from the environment beside a secret from the file is a 403.
    /// </summary>
    private static ApiCredentials ResolveCredentials(SettingSources sources, List<string> origins)
    {
        var key = sources.FindGiven("ApiKey", KeyVariables);
        var secret = sources.FindGiven("ApiSecret", SecretVariables);
        var half = key is null ? secret : secret is null ? key : null;
        var keyIsTheMissingHalf = key is null;
        if (half is not null && half.Source.StartsWith("-", StringComparison.Ordinal))
            throw keyIsTheMissingHalf
                ? Missing("ApiKey", "API key beside " + half.Source, "-ApiKey or -Credential", KeyVariables[0], KeyVariables[1])
                : Missing("ApiSecret", "API secret beside " + half.Source, "-ApiSecret or -Credential", SecretVariables[0], SecretVariables[1]);
        if (key is null || secret is null)
        {
            if (half is not null)
                origins.Add($"{half.Source} is set alone: ignored, the key and secret are used only as a pair (as Exoscale's CLI does)");
            key = sources.FindInFile(a => a.Key);
            secret = key is null ? null : sources.FindInFile(a => a.ReadSecret());
            if (key is null || secret is null)
            {
                var alone = half is null ? "" : $" ({half.Source} is set, but only the pair counts)";
                throw (half is null ? key is null : keyIsTheMissingHalf)
                    ? Missing("ApiKey", "API key" + alone, "-ApiKey or -Credential", KeyVariables[0], KeyVariables[1])
                    : Missing("ApiSecret", "API secret" + alone, "-ApiSecret or -Credential", SecretVariables[0], SecretVariables[1]);
            }
        }
        origins.Add($"API key {key.Value} from {key.Source}");
        origins.Add($"API secret from {secret.Source}");
        return new ApiCredentials(key.Value, secret.Value);
    }

    private static void RequireZoneName(ResolvedSetting zone)
    {
        try
        {
            ExoscaleClientOptions.EndpointForZone(zone.Value);
        }
        catch (ArgumentException)
        {
            throw new ConfigurationException("Zone", $"The zone '{zone.Value}' from {zone.Source} is not a zone name (e.g. ch-gva-2, de-fra-1).");
        }
    }

    // Refused at once, naming the known zones, instead of DNS retries and "unavailable" much later.
    private static async Task RequireKnownZoneAsync(
        ResolvedSetting zone, ApiCredentials credentials, Uri? endpoint,
        Func<ApiCredentials, Uri, CancellationToken, Task<IReadOnlyList<string>>>? listZones, List<string> origins,
        CancellationToken cancellationToken)
    {
        // Without an endpoint a built-in zone needs no call; an endpoint serves the zones it lists.
        if (endpoint is null && KnownZones.BuiltIn.Contains(zone.Value)) return;
        var asked = endpoint ?? ExoscaleClientOptions.EndpointForZone(KnownZones.ListingZone);
        IReadOnlyList<string>? listed = null;
        if (listZones is not null)
        {
            try
            {
                listed = await listZones(credentials, asked, cancellationToken).ConfigureAwait(false);
            }
            catch (ExoscaleApiException e)
            {
                origins.Add($"zone list: GET /zone at {asked} failed ({e.Message}); the built-in list decides");
            }
        }
        var known = listed ?? KnownZones.BuiltIn;
        if (known.Contains(zone.Value)) return;
        var list = listed is null ? "ExoIp's built-in list" : $"GET /zone at {asked}";
        throw new ConfigurationException("Zone",
            $"Unknown zone '{zone.Value}' from {zone.Source}; the known zones are {string.Join(", ", known)} ({list}).");
    }

    private static ConfigurationException Missing(string setting, string what, string parameters, string variable1, string variable2) =>
        new(setting, $"No {what}: give {parameters}, or set {variable1} or {variable2}, or configure an exoscale.toml account.", missing: true);
}
