using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Configuration;
using ExoIp.Emulator;
using ExoIp.Exoscale;

namespace ExoIp.Tests.Configuration;

/// <summary>
/// Endpoint and zone as Exoscale's CLI combines them (cmd/client.go SwitchClientZoneV3 over egoscale's
/// GetZoneAPIEndpoint): the endpoint lists the zones, the zone's api-endpoint is where calls go. Two emulators
/// play two zones; the first lists the second.
/// </summary>
public sealed class ZoneEndpointTests : IAsyncLifetime
{
    private const string Key = "EXOzones0123456789abcdef";
    private const string Secret = "zone-secret";
    private ExoscaleEmulator _gva = null!;
    private ExoscaleEmulator _fra = null!;

    public async Task InitializeAsync()
    {
        _gva = await ExoscaleEmulator.StartAsync(new EmulatorOptions { Zone = "ch-gva-2" });
        _fra = await ExoscaleEmulator.StartAsync(new EmulatorOptions { Zone = "de-fra-1" });
        foreach (var emulator in new[] { _gva, _fra }) emulator.State.AddCredentials(Key, Secret);
        _gva.State.AddZone("de-fra-1", _fra.ApiEndpoint);
        _fra.State.AddElasticIp("5a30ca7d-b1e7-430a-a46a-c6ecefec4305", "198.51.100.60");
    }

    public async Task DisposeAsync()
    {
        await _gva.DisposeAsync();
        await _fra.DisposeAsync();
    }

    private static SettingSources Sources(Dictionary<string, string> environment) =>
        new(new Dictionary<string, string?>(), name => environment.TryGetValue(name, out var v) ? v : null, null,
            parameter => parameter == "ApiEndpoint" ? "-xe" : null);

    private Dictionary<string, string> Environment(string zone) => new()
    {
        ["EXOSCALE_API_KEY"] = Key, ["EXOSCALE_API_SECRET"] = Secret,
        ["EXOSCALE_API_ENDPOINT"] = _gva.ApiEndpoint.ToString(), ["EXOSCALE_ZONE"] = zone,
    };

    [Fact]
    public async Task The_endpoint_is_asked_for_the_zone_and_calls_go_to_the_zone()
    {
        var settings = await ApiSettings.ResolveAsync(Sources(Environment("de-fra-1")), null, CancellationToken.None, ZoneDirectory.Shared);

        Assert.Equal(_fra.ApiEndpoint, settings.Endpoint);
        Assert.Contains(settings.Origins, o => o.Contains("the api-endpoint of zone de-fra-1 (from EXOSCALE_ZONE)") && o.Contains("from EXOSCALE_API_ENDPOINT"));
        using var client = new ExoscaleClient(new ExoscaleClientOptions { Credentials = settings.Credentials, Endpoint = settings.Endpoint });
        Assert.Equal("198.51.100.60", (await client.ResolveElasticIpAsync("198.51.100.60")).Ip);
    }

    [Fact]
    public async Task The_zone_list_is_asked_once_per_process()
    {
        for (var i = 0; i < 3; i++)
            await ApiSettings.ResolveAsync(Sources(Environment("de-fra-1")), null, CancellationToken.None, ZoneDirectory.Shared);

        Assert.Single(_gva.Requests, r => r.Path == "/v2/zone");
        Assert.DoesNotContain(_fra.Requests, r => r.Path == "/v2/zone");
    }

    [Fact]
    public async Task A_zone_the_endpoint_does_not_list_is_refused_naming_the_listed_ones()
    {
        var error = await Assert.ThrowsAsync<ConfigurationException>(() =>
            ApiSettings.ResolveAsync(Sources(Environment("at-vie-1")), null, CancellationToken.None, ZoneDirectory.Shared));

        Assert.Equal("Zone", error.Setting);
        Assert.Contains("the known zones are ch-gva-2, de-fra-1 (GET /zone at " + _gva.ApiEndpoint, error.Message);
    }

    [Fact]
    public async Task Without_a_zone_every_call_goes_to_the_endpoint()
    {
        var environment = Environment("x");
        environment.Remove("EXOSCALE_ZONE");

        var settings = await ApiSettings.ResolveAsync(Sources(environment), null, CancellationToken.None, ZoneDirectory.Shared);

        Assert.Equal(_gva.ApiEndpoint, settings.Endpoint);
        Assert.Contains(settings.Origins, o => o.Contains("no zone given, every call goes there"));
    }

    [Fact]
    public async Task A_zone_nothing_gives_names_every_way_to_give_one()
    {
        var environment = Environment("x");
        environment.Remove("EXOSCALE_ZONE");
        environment.Remove("EXOSCALE_API_ENDPOINT");
        Task<string> Unavailable(CancellationToken _) =>
            throw new MetadataUnavailableException(new Uri("http://169.254.169.254/latest/meta-data/availability-zone"), "no answer");

        var error = await Assert.ThrowsAsync<ConfigurationException>(() =>
            ApiSettings.ResolveAsync(Sources(environment), Unavailable, CancellationToken.None, ZoneDirectory.Shared));

        Assert.Equal("Zone", error.Setting);
        Assert.True(error.IsMissing);
        Assert.StartsWith("No zone: give IF_EXOSCALE_ZONE or EXOSCALE_ZONE, or an API endpoint (-xe, IF_EXOSCALE_API_ENDPOINT or EXOSCALE_API_ENDPOINT)", error.Message);
        Assert.Contains("defaultZone", error.Message);
        Assert.Contains("instance metadata service (http://169.254.169.254/latest/meta-data/availability-zone did not answer: no answer)", error.Message);
        Assert.DoesNotContain("instance id", error.Message);
    }
}
