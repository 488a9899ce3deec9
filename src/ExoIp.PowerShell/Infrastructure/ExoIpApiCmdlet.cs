using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Net;
using System.Security;
using ExoIp.Configuration;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Exoscale;
using ExoIp.PowerShell.Completion;
using Microsoft.Extensions.Logging;

namespace ExoIp.PowerShell.Infrastructure;

/// <summary>
/// Base of the cmdlets that call the Exoscale API: the shared credential and endpoint parameters, and
/// their resolution (parameter &gt; IF_* &gt; EXOSCALE_* &gt; exoscale.toml).
/// </summary>
public abstract class ExoIpApiCmdlet : ExoIpCmdlet
{
    /// <summary>API key as the user name and API secret as the password.</summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>The API key (with -ApiSecret); else IF_EXOSCALE_API_KEY, EXOSCALE_API_KEY or exoscale.toml.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ApiKey { get; set; }

    /// <summary>The API secret; else IF_EXOSCALE_API_SECRET, EXOSCALE_API_SECRET or exoscale.toml.</summary>
    [Parameter]
    public SecureString? ApiSecret { get; set; }

    /// <summary>A full API base URL including /v2; else IF_EXOSCALE_API_ENDPOINT, EXOSCALE_API_ENDPOINT, or from the zone.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ApiEndpoint { get; set; }

    /// <summary>The zone (ch-gva-2, de-fra-1, ...); else IF_EXOSCALE_ZONE, EXOSCALE_ZONE, exoscale.toml, or the instance metadata.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ZoneCompleter))]
    public string? Zone { get; set; }

    private ExoscaleClient? _client;
    private ApiSettings? _local;
    private ApiSettings? _settings;
    private SettingSources? _sources;
    private MetadataClient? _metadata;

    /// <summary>The API client, made on first use from the resolved settings.</summary>
    /// <exception cref="ConfigurationException">A setting is missing or invalid.</exception>
    protected ExoscaleClient Client => _client ??= CreateClient(Log);

    /// <summary>
    /// A new API client from the resolved settings, logging to <paramref name="logger"/>, its options adjusted by
    /// <paramref name="configure"/> when given; the caller owns it.
    /// </summary>
    protected ExoscaleClient CreateClient(ILogger logger, Action<ExoscaleClientOptions>? configure = null)
    {
        var options = new ExoscaleClientOptions
        {
            Credentials = Settings.Credentials,
            Endpoint = Settings.Endpoint,
            Logger = logger,
        };
        configure?.Invoke(options);
        return new ExoscaleClient(options);
    }

    /// <summary>The API settings, resolved on first use; their origins go to Verbose.</summary>
    protected ApiSettings Settings
    {
        get
        {
            if (_settings is not null) return _settings;
            var local = _local ?? ApiSettings.ResolveLocal(Sources);
            _settings = Await(ct => local.CompleteAsync(Metadata.GetZoneAsync, ZoneDirectory.Shared, ct));
            foreach (var origin in _settings.Origins) WriteVerbose(origin);
            return _settings;
        }
    }

    /// <summary>The metadata client, pointed at IF_EXOSCALE_METADATA_ENDPOINT and IF_EXOSCALE_METADATA_CDROM when set.</summary>
    protected MetadataClient Metadata => _metadata ??= CreateMetadataClient();

    /// <summary>Parameters, environment and exoscale.toml, read on first use.</summary>
    protected SettingSources Sources => _sources ??= ReadSources();

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        if (Credential is not null && (ApiKey is not null || ApiSecret is not null))
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException("Give the API key and secret either with -Credential or with -ApiKey and -ApiSecret, not both."),
                "ConflictingCredentials", ErrorCategory.InvalidArgument, null));
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _client?.Dispose();
            _metadata?.Dispose();
        }
        base.Dispose(disposing);
    }

    private SettingSources ReadSources()
    {
        var parameters = new Dictionary<string, string?>
        {
            ["ApiKey"] = Credential?.UserName ?? ApiKey,
            ["ApiSecret"] = Credential?.GetNetworkCredential().Password
                ?? (ApiSecret is null ? null : new NetworkCredential(string.Empty, ApiSecret).Password),
            ["ApiEndpoint"] = ApiEndpoint,
            ["Zone"] = Zone,
        };
        AddParameters(parameters);
        // The key and secret of a -Credential are reported as coming from -Credential.
        Func<string, string?>? named = Credential is null ? null : parameter => parameter is "ApiKey" or "ApiSecret" ? "-Credential" : "-" + parameter;
        return SettingSources.ReadingFileWhenNeeded(parameters, Environment.GetEnvironmentVariable,
            () => ExoscaleConfigFile.FromEnvironment(Environment.GetEnvironmentVariable), named);
    }

    /// <summary>
    /// Checks the API settings without a network call, keeping a problem in <paramref name="problems"/>; the client
    /// made later completes these settings instead of reading them again.
    /// </summary>
    protected void CheckApiSettingsLocally(ConfigurationProblems problems) => _local = problems.Check(() => ApiSettings.ResolveLocal(Sources));

    /// <summary>This instance's id: the given one, else IF_EXOSCALE_INSTANCE_ID, else the metadata's.</summary>
    protected string ResolveInstanceId(string? given)
    {
        if (given is not null)
        {
            WriteVerbose($"InstanceId {given} from -InstanceId");
            return given;
        }
        if (Sources.Find("InstanceId", new[] { EnvironmentVariables.InstanceId }) is { } found)
        {
            WriteVerbose($"InstanceId {found.Value} from {found.Source}");
            return found.Value;
        }
        var fromMetadata = Await(Metadata.GetInstanceIdAsync);
        WriteVerbose($"InstanceId {fromMetadata} from the metadata service");
        return fromMetadata;
    }

    /// <summary>Lets a derived cmdlet add its own parameters to the configuration sources.</summary>
    protected virtual void AddParameters(IDictionary<string, string?> parameters)
    {
    }

    private static MetadataClient CreateMetadataClient()
    {
        var url = Environment.GetEnvironmentVariable(EnvironmentVariables.MetadataEndpoint);
        var cdRom = Environment.GetEnvironmentVariable(EnvironmentVariables.MetadataCdRom);
        return new MetadataClient(string.IsNullOrWhiteSpace(url) ? null : new Uri(url), cdRom: cdRom);
    }
}
