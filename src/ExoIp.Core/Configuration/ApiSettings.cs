using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Exoscale;

namespace ExoIp.Configuration;

/// <summary>
/// What an API client needs: credentials and the zone's endpoint, each resolved by precedence
/// (parameter &gt; IF_* &gt; EXOSCALE_* and the CLI's older names &gt; exoscale.toml), with where each came from.
/// Endpoint and zone combine as in Exoscale's CLI: an endpoint is asked (<c>GET /zone</c>) for the zone's own
/// <c>api-endpoint</c>; without an endpoint the zone names its API.
/// </summary>
public sealed class ApiSettings
{
    // Exoscale's CLI reads these, the first one set winning (cmd/config_resolution.go); IF_* come first, as exoip's.
    private static readonly string[] KeyVariables =
    {
        EnvironmentVariables.IfApiKey, EnvironmentVariables.ExoscaleApiKey, EnvironmentVariables.ExoscaleKey,
        EnvironmentVariables.CloudStackKey, EnvironmentVariables.CloudStackApiKey,
    };
    private static readonly string[] SecretVariables =
    {
        EnvironmentVariables.IfApiSecret, EnvironmentVariables.ExoscaleApiSecret, EnvironmentVariables.ExoscaleSecret,
        EnvironmentVariables.ExoscaleSecretKey, EnvironmentVariables.CloudStackSecret, EnvironmentVariables.CloudStackSecretKey,
    };
    private static readonly string[] ZoneVariables = { EnvironmentVariables.IfZone, EnvironmentVariables.ExoscaleZone };
    private static readonly string[] EndpointVariables = { EnvironmentVariables.IfApiEndpoint, EnvironmentVariables.ExoscaleApiEndpoint };

    private readonly SettingSources _sources;
    private readonly ResolvedSetting? _endpointSetting;
    private readonly ApiEndpoint? _endpoint;
    private readonly List<string> _origins;

    private ApiSettings(
        SettingSources sources, ApiCredentials credentials, ResolvedSetting? endpointSetting, ApiEndpoint? endpoint, ResolvedSetting? zone,
        List<string> origins)
    {
        _sources = sources;
        Credentials = credentials;
        _endpointSetting = endpointSetting;
        _endpoint = endpoint;
        ZoneSetting = zone;
        _origins = origins;
    }

    /// <summary>Key and secret.</summary>
    public ApiCredentials Credentials { get; }

    /// <summary>The full base URL, including /v2; null until <see cref="ResolveAsync"/> (or <see cref="CompleteAsync"/>) has run.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The zone, when known (an explicit endpoint without a zone needs none).</summary>
    public string? Zone => ZoneSetting?.Value;

    /// <summary>Where each value came from, for Verbose output: "API key from IF_EXOSCALE_API_KEY", ... (never a value of the secret).</summary>
    public IReadOnlyList<string> Origins => _origins;

    private ResolvedSetting? ZoneSetting { get; set; }

    /// <summary>Resolves the settings: <see cref="ResolveLocal"/>, then <see cref="CompleteAsync"/>.</summary>
    /// <exception cref="ConfigurationException">A setting is missing or invalid; the message names it.</exception>
    public static Task<ApiSettings> ResolveAsync(
        SettingSources sources, Func<CancellationToken, Task<string>>? zoneFromMetadata, CancellationToken cancellationToken,
        ZoneDirectory? zones = null) =>
        ResolveLocal(sources).CompleteAsync(zoneFromMetadata, zones, cancellationToken);

    /// <summary>
    /// What the parameters, the environment and exoscale.toml say, checked without any network call (a
    /// <c>secretCommand</c> runs): the credentials, the endpoint, the zone when given.
    /// </summary>
    /// <exception cref="ConfigurationException">A setting is missing or invalid; the message names it.</exception>
    public static ApiSettings ResolveLocal(SettingSources sources)
    {
        if (sources is null) throw new ArgumentNullException(nameof(sources));
        var origins = new List<string>();
        var credentials = ResolveCredentials(sources, origins);

        // The file's zone and endpoint count only when it is read anyway: a fully given call never reads it.
        var zone = sources.FindGiven("Zone", ZoneVariables);
        var endpointSetting = sources.FindGiven("ApiEndpoint", EndpointVariables);
        if (endpointSetting is null && zone is null) zone = sources.FindInFile(a => a.DefaultZone);
        if (endpointSetting is null && sources.AccountRead) endpointSetting = sources.FindInFile(a => a.Endpoint);
        var endpoint = endpointSetting is null ? null : ApiEndpoint.Normalize(endpointSetting);
        if (endpoint?.Why is { } why) origins.Add("endpoint: " + why);
        if (zone is null && (sources.AccountRead || endpoint is { Url: null })) zone = sources.FindInFile(a => a.DefaultZone);
        if (zone is not null) RequireZoneName(zone);
        return new ApiSettings(sources, credentials, endpointSetting, endpoint, zone, origins);
    }

    /// <summary>
    /// Finishes what needs the network: the zone from the instance metadata when nothing else gives one, the
    /// endpoint the API lists for the zone, and a refusal of an unknown zone.
    /// </summary>
    /// <param name="zoneFromMetadata">Asks the instance metadata for the zone when nothing else gives one.</param>
    /// <param name="zones">Lists the zones an endpoint knows; null trusts the endpoint as given and the built-in zone list.</param>
    /// <param name="cancellationToken">Cancels the metadata lookup and the zone list.</param>
    /// <exception cref="ConfigurationException">No zone can be found, or the zone is unknown.</exception>
    public async Task<ApiSettings> CompleteAsync(
        Func<CancellationToken, Task<string>>? zoneFromMetadata, ZoneDirectory? zones, CancellationToken cancellationToken)
    {
        if (Endpoint is not null) return this;
        if (_endpoint?.Url is { } given)
        {
            Endpoint = await EndpointOfZoneAsync(given, zones, cancellationToken).ConfigureAwait(false);
            return this;
        }

        if (ZoneSetting is null && zoneFromMetadata is not null)
        {
            try
            {
                ZoneSetting = new ResolvedSetting(await zoneFromMetadata(cancellationToken).ConfigureAwait(false), "instance metadata");
            }
            catch (MetadataUnavailableException e)
            {
                throw MissingZone($" ({e.Url} did not answer: {e.Reason})");
            }
            RequireZoneName(ZoneSetting);
        }
        var zone = ZoneSetting ?? throw MissingZone("");
        Endpoint = ExoscaleClientOptions.EndpointForZone(zone.Value);
        _origins.Add($"zone {zone.Value} from {zone.Source}");
        _origins.Add($"endpoint {Endpoint} from the zone");
        // Without an endpoint a built-in zone needs no call; any other is checked against the API's list.
        if (!KnownZones.BuiltIn.Contains(zone.Value))
            await FindZoneAsync(ExoscaleClientOptions.EndpointForZone(KnownZones.ListingZone), zones, cancellationToken).ConfigureAwait(false);
        return this;
    }

    // As Exoscale's CLI: the endpoint lists the zones, and the zone's own api-endpoint is where calls go.
    private async Task<Uri> EndpointOfZoneAsync(Uri given, ZoneDirectory? zones, CancellationToken cancellationToken)
    {
        var from = $"{given} from {_endpointSetting!.Source}";
        if (ZoneSetting is not { } zone)
        {
            _origins.Add($"endpoint {from}: no zone given, every call goes there");
            return given;
        }
        var listed = await FindZoneAsync(given, zones, cancellationToken).ConfigureAwait(false);
        if (listed is null)
        {
            _origins.Add($"endpoint {from}: used as given, with zone {zone.Value} from {zone.Source}");
            return given;
        }
        if (!Uri.TryCreate(listed.ApiEndpoint, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            _origins.Add($"endpoint {from}: GET /zone gives zone {zone.Value} no usable api-endpoint ('{listed.ApiEndpoint}'), so calls go to {given}");
            return given;
        }
        _origins.Add($"endpoint {url}: the api-endpoint of zone {zone.Value} (from {zone.Source}) in GET /zone at {from}, as Exoscale's CLI does");
        return url;
    }

    /// <summary>The zone's entry in the list <paramref name="at"/> gives; null when the list cannot be had (the built-in list then decides).</summary>
    private async Task<ApiZone?> FindZoneAsync(Uri at, ZoneDirectory? zones, CancellationToken cancellationToken)
    {
        var zone = ZoneSetting!;
        IReadOnlyList<ApiZone>? listed = null;
        if (zones is not null)
        {
            try
            {
                listed = await zones.ListAsync(Credentials, at, cancellationToken).ConfigureAwait(false);
            }
            catch (ExoscaleApiException e)
            {
                _origins.Add($"zone list: GET /zone at {at} failed ({e.Message}); the built-in list decides");
            }
        }
        if (listed?.FirstOrDefault(z => z.Name == zone.Value) is { } found) return found;
        if (listed is null && KnownZones.BuiltIn.Contains(zone.Value)) return null;
        var known = listed?.Select(z => z.Name).ToList() ?? KnownZones.BuiltIn;
        var list = listed is null ? "ExoIp's built-in list" : $"GET /zone at {at}";
        throw new ConfigurationException("Zone",
            $"Unknown zone '{zone.Value}' from {zone.Source}; the known zones are {string.Join(", ", known)} ({list}).");
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
                ? MissingCredential(sources, "ApiKey", "API key beside " + half.Source, KeyVariables)
                : MissingCredential(sources, "ApiSecret", "API secret beside " + half.Source, SecretVariables);
        if (key is null || secret is null)
        {
            if (half is not null)
                origins.Add($"{half.Source} is set alone: ignored, the key and secret are used only as a pair (as Exoscale's CLI does)");
            key = sources.FindInFile(a => a.Key);
            secret = key is null ? null : sources.FindInFile(a => a.ReadSecret(), trim: false);
            if (key is null || secret is null)
            {
                var alone = half is null ? "" : $" ({half.Source} is set, but only the pair counts)";
                throw (half is null ? key is null : keyIsTheMissingHalf)
                    ? MissingCredential(sources, "ApiKey", "API key" + alone, KeyVariables)
                    : MissingCredential(sources, "ApiSecret", "API secret" + alone, SecretVariables);
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

    private ConfigurationException MissingZone(string metadataProblem) =>
        new("Zone",
            $"No zone: give {_sources.Ways("Zone", ZoneVariables)}, or an API endpoint ({_sources.Ways("ApiEndpoint", EndpointVariables)}), " +
            $"or a defaultZone in the exoscale.toml account; else it comes from the instance metadata service{metadataProblem}.",
            missing: true);

    private static ConfigurationException MissingCredential(SettingSources sources, string setting, string what, string[] variables) =>
        new(setting,
            $"No {what}: give {sources.Name("ApiKey")} and {sources.Name("ApiSecret")}, or set {string.Join(", ", variables.Take(variables.Length - 1))} or {variables.Last()} " +
            "with its pair, or configure an exoscale.toml account.",
            missing: true);
}
