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

    public CommandLineContext(string[] arguments, ParsedCommandLine line, LogSink sink)
    {
        Arguments = arguments;
        Line = line;
        Sink = sink;
        var parameters = line.Settings.ToDictionary(p => p.Key, p => (string?)p.Value);
        Sources = SettingSources.ReadingFileWhenNeeded(parameters, line.Environment,
            () => ExoscaleConfigFile.FromEnvironment(line.Environment), FlagOf);
    }

    /// <summary>The command line as typed (SIGHUP parses it again, with the file's new contents).</summary>
    public string[] Arguments { get; }

    public ParsedCommandLine Line { get; }

    public LogSink Sink { get; }

    public SettingSources Sources { get; }

    /// <summary>
    /// Where a mode gathers its local problems: it starts with the command line's bad values, so that one line
    /// reports them with the settings' own problems (a missing peer source, a bad combination).
    /// </summary>
    public ConfigurationProblems Problems()
    {
        var problems = new ConfigurationProblems();
        foreach (var bad in Line.BadValues) problems.AddEarlier(bad.Setting!, bad);
        return problems;
    }

    /// <summary>Writes a line that only -v shows.</summary>
    public void Verbose(string line)
    {
        if (Line.Verbose) Sink.Write(DateTimeOffset.UtcNow, "VERBOSE: " + line, LineSeverity.Debug);
    }

    /// <summary>
    /// This instance's id as -i or IF_EXOSCALE_INSTANCE_ID give it; <see cref="Guid.Empty"/> when neither does (the
    /// metadata service will say), and when the value is no id (a problem kept in <paramref name="problems"/>).
    /// </summary>
    public Guid GivenInstanceId(ConfigurationProblems problems)
    {
        if (Sources.Find("InstanceId", new[] { EnvironmentVariables.InstanceId }) is not { } found) return Guid.Empty;
        if (Guid.TryParse(found.Value, out var id))
        {
            Verbose($"instance id {found.Value} from {found.Source}");
            return id;
        }
        problems.Add(new ConfigurationException("InstanceId", $"InstanceId '{found.Value}' from {found.Source} is not an Exoscale instance id (a UUID)."));
        return Guid.Empty;
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

    // Null for a setting without a flag (the zone): messages then name only its variables.
    private static string? FlagOf(string setting) => CommandLineOptions.All.FirstOrDefault(o => o.Setting == setting)?.Flag;
}
