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
/// What every mode shares: the command line's settings (<see cref="CommandLineSettings"/>), its output, the metadata
/// service and the API client made from the settings.
/// </summary>
internal sealed class CommandLineContext : IDisposable
{
    private MetadataClient? _metadata;

    public CommandLineContext(string[] arguments, ParsedCommandLine line, LogSink sink)
    {
        Arguments = arguments;
        Line = line;
        Sink = sink;
        Settings = new CommandLineSettings(line);
    }

    /// <summary>The command line as typed (SIGHUP parses it again, with the file's new contents).</summary>
    public string[] Arguments { get; }

    public ParsedCommandLine Line { get; }

    public LogSink Sink { get; }

    /// <summary>The settings and each mode's local check, as exoip.ps1 reads them too.</summary>
    public CommandLineSettings Settings { get; }

    public SettingSources Sources => Settings.Sources;

    /// <summary>Writes a line that only -v shows.</summary>
    public void Verbose(string line)
    {
        if (Line.Verbose) Sink.Write(DateTimeOffset.UtcNow, "VERBOSE: " + line, LineSeverity.Debug);
    }

    /// <summary>This instance's id from the metadata service.</summary>
    public async Task<Guid> InstanceIdFromMetadataAsync(CancellationToken cancellationToken)
    {
        var text = await Metadata.GetInstanceIdAsync(cancellationToken).ConfigureAwait(false);
        if (!Guid.TryParse(text, out var id))
            throw new ConfigurationException("InstanceId", $"The metadata service's instance id '{text}' is not an Exoscale instance id (a UUID).");
        Verbose($"instance id {id} from the metadata service");
        return id;
    }

    /// <summary>A new API client from the locally resolved settings, completed (zone, endpoint), adjusted by <paramref name="configure"/>.</summary>
    public async Task<ExoscaleClient> CreateClientAsync(
        ApiSettings local, ILogger logger, Action<ExoscaleClientOptions>? configure, CancellationToken cancellationToken)
    {
        var settings = await local.CompleteAsync(Metadata.GetZoneAsync, ZoneDirectory.Shared, cancellationToken).ConfigureAwait(false);
        foreach (var origin in settings.Origins) Verbose(origin);
        var options = new ExoscaleClientOptions { Credentials = settings.Credentials, Endpoint = settings.Endpoint, Logger = logger };
        configure?.Invoke(options);
        return new ExoscaleClient(options);
    }

    public void Dispose() => _metadata?.Dispose();

    private MetadataClient Metadata => _metadata ??= CreateMetadataClient();

    private MetadataClient CreateMetadataClient()
    {
        var url = Line.Environment(EnvironmentVariables.MetadataEndpoint);
        return string.IsNullOrWhiteSpace(url) ? new MetadataClient() : new MetadataClient(new Uri(url));
    }
}
