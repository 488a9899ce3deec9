using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Configuration;

namespace ExoIp.Tests.Configuration;

public class ApiSettingsTests
{
    private const string Secret = "s3cr3t-do-not-print";

    private static SettingSources Sources(
        Dictionary<string, string?>? parameters = null, Dictionary<string, string>? environment = null, ExoscaleAccount? account = null)
    {
        environment ??= new Dictionary<string, string>();
        return new SettingSources(parameters ?? new Dictionary<string, string?>(), name => environment.TryGetValue(name, out var v) ? v : null, account);
    }

    private static Task<ApiSettings> Resolve(SettingSources sources, Func<CancellationToken, Task<string>>? zone = null) =>
        ApiSettings.ResolveAsync(sources, zone, CancellationToken.None);

    private static readonly ExoscaleAccount Account = new("prod", "EXOtoml", "toml-secret", "de-fra-1", null, "/home/u/.config/exoscale/exoscale.toml");

    [Fact]
    public async Task Parameters_win_over_IF_variables_which_win_over_EXOSCALE_variables_and_the_file()
    {
        var environment = new Dictionary<string, string>
        {
            ["IF_EXOSCALE_API_KEY"] = "EXOif", ["IF_EXOSCALE_API_SECRET"] = "if-secret",
            ["EXOSCALE_API_KEY"] = "EXOexo", ["EXOSCALE_API_SECRET"] = "exo-secret", ["EXOSCALE_ZONE"] = "at-vie-1",
        };

        var fromParameter = await Resolve(Sources(new() { ["ApiKey"] = "EXOparam", ["ApiSecret"] = Secret }, environment, Account));
        Assert.Equal("EXOparam", fromParameter.Credentials.Key);
        Assert.Equal(Secret, fromParameter.Credentials.Secret);

        var fromIf = await Resolve(Sources(null, environment, Account));
        Assert.Equal("EXOif", fromIf.Credentials.Key);
        Assert.Equal("if-secret", fromIf.Credentials.Secret);
        Assert.Contains("API key EXOif from IF_EXOSCALE_API_KEY", fromIf.Origins);

        environment.Remove("IF_EXOSCALE_API_KEY");
        environment.Remove("IF_EXOSCALE_API_SECRET");
        var fromExoscale = await Resolve(Sources(null, environment, Account));
        Assert.Equal("EXOexo", fromExoscale.Credentials.Key);
        Assert.Equal(new Uri("https://api-at-vie-1.exoscale.com/v2"), fromExoscale.Endpoint);

        var fromFile = await Resolve(Sources(null, new Dictionary<string, string>(), Account));
        Assert.Equal("EXOtoml", fromFile.Credentials.Key);
        Assert.Equal("de-fra-1", fromFile.Zone);
        Assert.Contains(fromFile.Origins, o => o.Contains("exoscale.toml account 'prod'"));
    }

    [Fact]
    public async Task An_explicit_endpoint_needs_no_zone_and_wins_over_the_zone()
    {
        var settings = await Resolve(Sources(new() { ["ApiKey"] = "EXOk", ["ApiSecret"] = Secret, ["Zone"] = "ch-gva-2" },
            new() { ["IF_EXOSCALE_API_ENDPOINT"] = "http://127.0.0.1:8080/v2" }));
        Assert.Equal(new Uri("http://127.0.0.1:8080/v2"), settings.Endpoint);
    }

    [Fact]
    public async Task Asks_the_metadata_for_the_zone_only_when_nothing_else_gives_one()
    {
        var asked = 0;
        Task<string> Zone(CancellationToken _) { asked++; return Task.FromResult("bg-sof-1"); }

        var settings = await Resolve(Sources(new() { ["ApiKey"] = "EXOk", ["ApiSecret"] = Secret }), Zone);
        Assert.Equal(new Uri("https://api-bg-sof-1.exoscale.com/v2"), settings.Endpoint);
        Assert.Contains("zone bg-sof-1 from instance metadata", settings.Origins);

        await Resolve(Sources(new() { ["ApiKey"] = "EXOk", ["ApiSecret"] = Secret, ["Zone"] = "ch-dk-2" }), Zone);
        Assert.Equal(1, asked);
    }

    [Theory]
    [InlineData("ApiKey", null, Secret, "IF_EXOSCALE_API_KEY")]
    [InlineData("ApiSecret", "EXOk", null, "IF_EXOSCALE_API_SECRET")]
    public async Task A_missing_credential_names_every_way_to_give_it(string setting, string? key, string? secret, string variable)
    {
        var error = await Assert.ThrowsAsync<ConfigurationException>(() =>
            Resolve(Sources(new() { ["ApiKey"] = key, ["ApiSecret"] = secret, ["Zone"] = "ch-gva-2" })));
        Assert.Equal(setting, error.Setting);
        Assert.True(error.IsMissing);
        Assert.Contains(variable, error.Message);
    }

    [Fact]
    public async Task A_missing_zone_without_metadata_is_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<ConfigurationException>(() => Resolve(Sources(new() { ["ApiKey"] = "EXOk", ["ApiSecret"] = Secret })));
        Assert.Equal("Zone", error.Setting);
        Assert.Contains("EXOSCALE_ZONE", error.Message);
    }

    [Theory]
    [InlineData("CH-GVA-2")]
    [InlineData("ch gva 2")]
    [InlineData("ch-gva-2/../x")]
    public async Task Refuses_a_malformed_zone(string zone)
    {
        var error = await Assert.ThrowsAsync<ConfigurationException>(() =>
            Resolve(Sources(new() { ["ApiKey"] = "EXOk", ["ApiSecret"] = Secret, ["Zone"] = zone })));
        Assert.Equal("Zone", error.Setting);
        Assert.False(error.IsMissing);
    }

    [Theory]
    [InlineData("https://api.exoscale.com/compute", "retired compute API")]
    [InlineData("ftp://example.com/v2", "not an http(s) URL")]
    [InlineData("not a url", "not an http(s) URL")]
    [InlineData("http://api-ch-gva-2.exoscale.com/v2", "uses plain HTTP")]
    [InlineData("http://no-such-host.invalid/v2", "uses plain HTTP")]
    public async Task Refuses_an_unusable_endpoint_and_names_its_source(string endpoint, string why)
    {
        var error = await Assert.ThrowsAsync<ConfigurationException>(() =>
            Resolve(Sources(new() { ["ApiKey"] = "EXOk", ["ApiSecret"] = Secret }, new() { ["IF_EXOSCALE_API_ENDPOINT"] = endpoint })));
        Assert.Equal("ApiEndpoint", error.Setting);
        Assert.Contains(why, error.Message);
        Assert.Contains("IF_EXOSCALE_API_ENDPOINT", error.Message);
    }

    [Fact]
    public async Task Never_puts_the_secret_in_its_origins()
    {
        var settings = await Resolve(Sources(new() { ["ApiKey"] = "EXOk", ["ApiSecret"] = Secret, ["Zone"] = "ch-gva-2" }));
        Assert.DoesNotContain(settings.Origins, o => o.Contains(Secret));
        Assert.Contains("API secret from -ApiSecret", settings.Origins);
    }
}
