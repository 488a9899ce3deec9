using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Configuration;
using ExoIp.Exoscale;

namespace ExoIp.Tests.Configuration;

/// <summary>exoscale.toml and the environment as Exoscale's CLI reads them.</summary>
public sealed class ExoscaleCliCompatibilityTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("exoip-cli-config-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static Func<string, string?> Environment(Dictionary<string, string> variables) =>
        name => variables.TryGetValue(name, out var value) ? value : null;

    private static SettingSources Sources(Dictionary<string, string?>? parameters, Dictionary<string, string> environment) =>
        SettingSources.ReadingFileWhenNeeded(
            parameters ?? new Dictionary<string, string?>(), Environment(environment), () => ExoscaleConfigFile.FromEnvironment(Environment(environment)));

    private static Task<ApiSettings> Resolve(SettingSources sources) => ApiSettings.ResolveAsync(sources, null, CancellationToken.None);

    [Theory]
    [InlineData("defaultaccount", "defaultzone")]
    [InlineData("defaultAccount", "defaultZone")]
    [InlineData("DEFAULTACCOUNT", "DefaultZone")]
    public void Keys_are_case_insensitive(string defaultAccountKey, string defaultZoneKey)
    {
        var account = ExoscaleConfigFile.ReadAccount("x.toml", $"""
            {defaultAccountKey} = "b"
            [[accounts]]
            name = "a"
            key = "EXOa"
            secret = "a"
            [[accounts]]
            Name = "b"
            KEY = "EXOb"
            Secret = "b"
            {defaultZoneKey} = "de-fra-1"
            """, null)!;
        Assert.Equal("b", account.Name);
        Assert.Equal("EXOb", account.Key);
        Assert.Equal("de-fra-1", account.DefaultZone);
    }

    [Fact]
    public void Several_accounts_without_a_default_is_an_error_naming_them()
    {
        var error = Assert.Throws<ConfigurationException>(() => ExoscaleConfigFile.ReadAccount("x.toml",
            "[[accounts]]\nname = \"a\"\n[[accounts]]\nname = \"b\"\n", null));
        Assert.Contains("'a', 'b'", error.Message);
        Assert.Contains("EXOSCALE_ACCOUNT", error.Message);
    }

    [Fact]
    public void EXOSCALE_CONFIG_names_the_file_and_a_missing_one_is_an_error()
    {
        var path = Write("elsewhere.toml", "[[accounts]]\nname = \"only\"\nkey = \"EXOk\"\nsecret = \"s\"\n");
        Assert.Equal("only", ExoscaleConfigFile.FromEnvironment(Environment(new() { ["EXOSCALE_CONFIG"] = path }))!.Name);

        var missing = Path.Combine(_directory, "missing.toml");
        var error = Assert.Throws<ConfigurationException>(() => ExoscaleConfigFile.FromEnvironment(Environment(new() { ["EXOSCALE_CONFIG"] = missing })));
        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public async Task A_two_account_file_with_defaultaccount_defaultzone_secretCommand_and_a_v1_endpoint_configures_everything()
    {
        var path = Write("exoscale.toml", """
            defaultaccount = "prod"
            [[accounts]]
            name = "dev"
            key = "EXOdev"
            secret = "dev-secret"
            [[accounts]]
            name = "prod"
            key = "EXOprod"
            secretCommand = ["sh", "-c", "printf '%s\n' \"prod secret\""]
            defaultzone = "de-fra-1"
            endpoint = "https://api.exoscale.com/v1"
            """);

        var settings = await Resolve(Sources(null, new() { ["EXOSCALE_CONFIG"] = path }));

        Assert.Equal("EXOprod", settings.Credentials.Key);
        Assert.Equal("prod secret", settings.Credentials.Secret);
        Assert.Equal("de-fra-1", settings.Zone);
        Assert.Equal(new Uri("https://api-de-fra-1.exoscale.com/v2"), settings.Endpoint);
        Assert.Contains(settings.Origins, o => o.Contains("legacy base URL") && o.Contains("https://api.exoscale.com/v1"));
        Assert.DoesNotContain(settings.Origins, o => o.Contains("prod secret"));
    }

    [Theory]
    [InlineData("https://api.exoscale.com/v1", "https://api-ch-dk-2.exoscale.com/v2")]
    [InlineData("https://api.exoscale.com", "https://api-ch-dk-2.exoscale.com/v2")]
    [InlineData("https://api.exoscale.com/v1/", "https://api-ch-dk-2.exoscale.com/v2")]
    [InlineData("http://127.0.0.1:8080/v1", "http://127.0.0.1:8080/v2")]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080/v2")]
    [InlineData("https://proxy.example.com/", "https://proxy.example.com/v2")]
    [InlineData("https://api-ch-gva-2.exoscale.com/v2", "https://api-ch-gva-2.exoscale.com/v2")]
    [InlineData("http://127.0.0.1:8080/v2", "http://127.0.0.1:8080/v2")]
    public async Task Legacy_and_path_less_endpoints_are_normalised_as_egoscale_uses_them(string configured, string used)
    {
        var settings = await Resolve(Sources(new() { ["ApiKey"] = "EXOk", ["ApiSecret"] = "s", ["ApiEndpoint"] = configured, ["Zone"] = "ch-dk-2" }, new()));
        Assert.Equal(new Uri(used), settings.Endpoint);
        Assert.Equal(configured == used, !settings.Origins.Any(o => o.StartsWith("endpoint: ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_legacy_endpoint_without_a_zone_asks_for_one()
    {
        var error = await Assert.ThrowsAsync<ConfigurationException>(() =>
            Resolve(Sources(new() { ["ApiKey"] = "EXOk", ["ApiSecret"] = "s", ["ApiEndpoint"] = "https://api.exoscale.com/v1" }, new())));
        Assert.Equal("Zone", error.Setting);
    }

    [Fact]
    public async Task A_key_from_the_environment_without_its_secret_is_ignored_and_the_file_gives_the_pair()
    {
        var path = Write("exoscale.toml", "[[accounts]]\nname = \"prod\"\nkey = \"EXOfile\"\nsecret = \"file-secret\"\ndefaultZone = \"ch-gva-2\"\n");
        var settings = await Resolve(Sources(null, new() { ["EXOSCALE_CONFIG"] = path, ["EXOSCALE_API_KEY"] = "EXOenv" }));
        Assert.Equal("EXOfile", settings.Credentials.Key);
        Assert.Equal("file-secret", settings.Credentials.Secret);
        Assert.Contains(settings.Origins, o => o.Contains("EXOSCALE_API_KEY is set alone"));

        var both = await Resolve(Sources(null, new() { ["EXOSCALE_CONFIG"] = path, ["EXOSCALE_API_KEY"] = "EXOenv", ["EXOSCALE_API_SECRET"] = "env-secret" }));
        Assert.Equal("EXOenv", both.Credentials.Key);
        Assert.Equal("env-secret", both.Credentials.Secret);
    }

    [Fact]
    public async Task A_key_alone_without_a_file_names_what_is_missing()
    {
        var error = await Assert.ThrowsAsync<ConfigurationException>(() =>
            Resolve(Sources(new() { ["Zone"] = "ch-gva-2" }, new() { ["EXOSCALE_API_KEY"] = "EXOenv", ["EXOSCALE_CONFIG"] = Write("empty.toml", "") })));
        Assert.Equal("ApiSecret", error.Setting);
        Assert.Contains("EXOSCALE_API_KEY is set, but only the pair counts", error.Message);
    }

    [Fact]
    public async Task The_file_is_not_read_when_parameters_give_everything()
    {
        var broken = Write("broken.toml", "this is = = not toml");
        var environment = new Dictionary<string, string> { ["EXOSCALE_CONFIG"] = broken, ["EXOSCALE_ACCOUNT"] = "nobody" };
        var settings = await Resolve(Sources(new() { ["ApiKey"] = "EXOk", ["ApiSecret"] = "s", ["Zone"] = "at-vie-2" }, environment));
        Assert.Equal("EXOk", settings.Credentials.Key);

        // The same file is read, and refused, as soon as a value must come from it.
        var error = await Assert.ThrowsAsync<ConfigurationException>(() => Resolve(Sources(new() { ["ApiKey"] = "EXOk", ["ApiSecret"] = "s" }, environment)));
        Assert.Contains("not valid TOML", error.Message);
    }

    [Fact]
    public async Task An_unknown_zone_is_refused_at_once_naming_the_built_in_zones_when_the_api_cannot_list_them()
    {
        Task<IReadOnlyList<ApiZone>> Unreachable(ApiCredentials c, Uri at, CancellationToken _) =>
            throw new ExoscaleUnavailableException($"GET {at}zone: no answer");

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => ApiSettings.ResolveAsync(
            Sources(new() { ["ApiKey"] = "EXOk", ["ApiSecret"] = "s", ["Zone"] = "ch-gva-3" }, new()), null, CancellationToken.None,
            new ZoneDirectory(Unreachable)));
        Assert.Equal("Zone", error.Setting);
        Assert.Contains("Unknown zone 'ch-gva-3' from -Zone", error.Message);
        Assert.Contains(string.Join(", ", KnownZones.BuiltIn), error.Message);
        Assert.Contains("built-in list", error.Message);
    }

    [Fact]
    public async Task The_api_zone_list_decides_where_it_is_reachable()
    {
        var asked = new List<Uri>();
        Task<IReadOnlyList<ApiZone>> List(ApiCredentials c, Uri at, CancellationToken _)
        {
            asked.Add(at);
            return Task.FromResult<IReadOnlyList<ApiZone>>(new[]
            {
                new ApiZone { Name = "ch-gva-2", ApiEndpoint = "https://api-ch-gva-2.exoscale.com/v2" },
                new ApiZone { Name = "xx-new-1", ApiEndpoint = "https://api-xx-new-1.exoscale.com/v2" },
            });
        }
        ZoneDirectory Fresh() => new(List);

        // A zone newer than this build is accepted because the API lists it.
        var settings = await ApiSettings.ResolveAsync(Sources(new() { ["ApiKey"] = "EXOk", ["ApiSecret"] = "s", ["Zone"] = "xx-new-1" }, new()), null, CancellationToken.None, Fresh());
        Assert.Equal(new Uri("https://api-xx-new-1.exoscale.com/v2"), settings.Endpoint);
        Assert.Equal(new Uri("https://api-ch-gva-2.exoscale.com/v2"), Assert.Single(asked));

        // With an endpoint, its list decides, even for a zone of the built-in list.
        var error = await Assert.ThrowsAsync<ConfigurationException>(() => ApiSettings.ResolveAsync(
            Sources(new() { ["ApiKey"] = "EXOk", ["ApiSecret"] = "s", ["Zone"] = "de-fra-1", ["ApiEndpoint"] = "http://127.0.0.1:9/v2" }, new()),
            null, CancellationToken.None, Fresh()));
        Assert.Contains("the known zones are ch-gva-2, xx-new-1 (GET /zone at http://127.0.0.1:9/v2)", error.Message);

        // A built-in zone without an endpoint needs no call.
        asked.Clear();
        await ApiSettings.ResolveAsync(Sources(new() { ["ApiKey"] = "EXOk", ["ApiSecret"] = "s", ["Zone"] = "hr-zag-1" }, new()), null, CancellationToken.None, Fresh());
        Assert.Empty(asked);
    }

    // cmd/config_resolution.go readEnvSources: the first variable set wins, in this order.
    [Theory]
    [InlineData("EXOSCALE_API_KEY,EXOSCALE_KEY", "EXOSCALE_API_KEY")]
    [InlineData("EXOSCALE_KEY,CLOUDSTACK_KEY,CLOUDSTACK_API_KEY", "EXOSCALE_KEY")]
    [InlineData("CLOUDSTACK_KEY,CLOUDSTACK_API_KEY", "CLOUDSTACK_KEY")]
    [InlineData("CLOUDSTACK_API_KEY", "CLOUDSTACK_API_KEY")]
    [InlineData("IF_EXOSCALE_API_KEY,EXOSCALE_API_KEY,EXOSCALE_KEY", "IF_EXOSCALE_API_KEY")]
    public async Task The_CLI_s_older_key_names_count_in_its_order(string set, string winner)
    {
        var environment = set.Split(',').ToDictionary(v => v, v => "EXO-" + v);
        environment["EXOSCALE_SECRET"] = "s";
        var settings = await Resolve(Sources(new() { ["Zone"] = "ch-gva-2" }, environment));
        Assert.Equal("EXO-" + winner, settings.Credentials.Key);
        Assert.Contains($"API key EXO-{winner} from {winner}", settings.Origins);
    }

    [Theory]
    [InlineData("EXOSCALE_API_SECRET,EXOSCALE_SECRET", "EXOSCALE_API_SECRET")]
    [InlineData("EXOSCALE_SECRET,EXOSCALE_SECRET_KEY", "EXOSCALE_SECRET")]
    [InlineData("EXOSCALE_SECRET_KEY,CLOUDSTACK_SECRET", "EXOSCALE_SECRET_KEY")]
    [InlineData("CLOUDSTACK_SECRET,CLOUDSTACK_SECRET_KEY", "CLOUDSTACK_SECRET")]
    [InlineData("CLOUDSTACK_SECRET_KEY", "CLOUDSTACK_SECRET_KEY")]
    public async Task The_CLI_s_older_secret_names_count_in_its_order(string set, string winner)
    {
        var environment = set.Split(',').ToDictionary(v => v, v => "secret-" + v);
        environment["CLOUDSTACK_KEY"] = "EXOk";
        var settings = await Resolve(Sources(new() { ["Zone"] = "ch-gva-2" }, environment));
        Assert.Equal("secret-" + winner, settings.Credentials.Secret);
        Assert.Contains($"API secret from {winner}", settings.Origins);
        Assert.DoesNotContain(settings.Origins, o => o.Contains("secret-"));
    }

    [Fact]
    public async Task An_account_with_secret_and_secretCommand_uses_the_command()
    {
        var path = Write("exoscale.toml", """
            [[accounts]]
            name = "only"
            key = "EXOk"
            secret = "stale-secret"
            secretCommand = ["printf", "from-command \n"]
            defaultZone = "ch-gva-2"
            """);
        var settings = await Resolve(Sources(null, new() { ["EXOSCALE_CONFIG"] = path }));
        Assert.Equal("from-command ", settings.Credentials.Secret);
    }

    [Fact]
    public void Exactly_one_account_without_a_default_is_that_account()
    {
        Assert.Equal("only", ExoscaleConfigFile.ReadAccount("x.toml", "[[accounts]]\nname = \"only\"\nkey = \"EXOk\"\n", null)!.Name);
    }

    // cmd/root.go initConfig: os.UserConfigDir()/exoscale (~/.exoscale under a snap), then ~/.exoscale, ~, ".".
    [Theory]
    [InlineData("Unix", null, null, "/home/u/.config/exoscale/exoscale.toml")]
    [InlineData("Unix", "/xdg", null, "/xdg/exoscale/exoscale.toml")]
    [InlineData("Unix", "relative", null, "/home/u/.config/exoscale/exoscale.toml")]
    [InlineData("MacOS", "/xdg", null, "/home/u/Library/Application Support/exoscale/exoscale.toml")]
    [InlineData("Unix", null, "/snap/common", "/home/u/.exoscale/exoscale.toml")]
    public void The_configuration_folder_is_the_CLI_s_on_each_system(string platform, string? xdg, string? snap, string first)
    {
        var environment = new Dictionary<string, string?> { ["XDG_CONFIG_HOME"] = xdg, ["SNAP_USER_COMMON"] = snap };
        var paths = ExoscaleConfigFile.SearchPaths(name => environment.GetValueOrDefault(name), "/home/u", "/work",
            Enum.Parse<ConfigPlatform>(platform)).ToList();
        Assert.Equal(new[] { first, "/home/u/.exoscale/exoscale.toml", "/home/u/exoscale.toml", "/work/exoscale.toml" }, paths);
    }

    [Fact]
    public void On_Windows_the_configuration_folder_is_under_AppData()
    {
        var paths = ExoscaleConfigFile.SearchPaths(name => name == "APPDATA" ? "/appdata" : null, "/home/u", "/work", ConfigPlatform.Windows);
        Assert.Equal(Path.Combine("/appdata", "exoscale", "exoscale.toml"), paths.First());
    }
}
