using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.CommandLine;
using ExoIp.Configuration;
using ExoIp.Exoscale;
using Microsoft.Extensions.Logging;

namespace ExoIp.Cli;

/// <summary>
/// What every mode resolves the same way the cmdlets do: a flag, else its IF_* variable, else EXOSCALE_* and
/// exoscale.toml; errors name the flag (<c>-xe</c>) rather than a cmdlet parameter.
/// </summary>
internal sealed class CommandLineContext : IDisposable
{
    private MetadataClient? _metadata;

    public CommandLineContext(ParsedCommandLine line, LogSink sink)
    {
        Line = line;
        Sink = sink;
        var parameters = line.Settings.ToDictionary(p => p.Key, p => (string?)p.Value);
        Sources = SettingSources.ReadingFileWhenNeeded(parameters, Environment.GetEnvironmentVariable,
            () => ExoscaleConfigFile.FromEnvironment(Environment.GetEnvironmentVariable), FlagOf);
    }

    public ParsedCommandLine Line { get; }

    public LogSink Sink { get; }

    public SettingSources Sources { get; }

    /// <summary>Writes a line that only -v shows.</summary>
    public void Verbose(string line)
    {
        if (Line.Verbose) Sink.Write(DateTimeOffset.UtcNow, "VERBOSE: " + line, warning: false);
    }

    /// <summary>This instance's id: -i, else IF_EXOSCALE_INSTANCE_ID, else the metadata service's.</summary>
    public async Task<string> InstanceIdAsync(CancellationToken cancellationToken)
    {
        if (Sources.Find("InstanceId", new[] { EnvironmentVariables.InstanceId }) is { } found)
        {
            Verbose($"instance id {found.Value} from {found.Source}");
            return found.Value;
        }
        var id = await Metadata.GetInstanceIdAsync(cancellationToken).ConfigureAwait(false);
        Verbose($"instance id {id} from the metadata service");
        return id;
    }

    /// <summary>A new API client from the resolved settings, adjusted by <paramref name="configure"/>.</summary>
    public async Task<ExoscaleClient> CreateClientAsync(ILogger logger, Action<ExoscaleClientOptions>? configure, CancellationToken cancellationToken)
    {
        var settings = await ApiSettings.ResolveAsync(Sources, Metadata.GetZoneAsync, cancellationToken, ZoneDirectory.Shared).ConfigureAwait(false);
        foreach (var origin in settings.Origins) Verbose(origin);
        var options = new ExoscaleClientOptions { Credentials = settings.Credentials, Endpoint = settings.Endpoint, Logger = logger };
        configure?.Invoke(options);
        return new ExoscaleClient(options);
    }

    public void Dispose() => _metadata?.Dispose();

    private MetadataClient Metadata => _metadata ??= CreateMetadataClient();

    private static MetadataClient CreateMetadataClient()
    {
        var url = Environment.GetEnvironmentVariable(EnvironmentVariables.MetadataEndpoint);
        return string.IsNullOrWhiteSpace(url) ? new MetadataClient() : new MetadataClient(new Uri(url));
    }

    // Null for a setting without a flag (the zone): messages then name only its variables.
    private static string? FlagOf(string setting) => CommandLineOptions.All.FirstOrDefault(o => o.Setting == setting)?.Flag;
}
