using System;
using System.Collections.Generic;
using System.Linq;
using ExoIp.Configuration;
using ExoIp.Metrics;

namespace ExoIp.CommandLine;

/// <summary>
/// A parsed command line's settings as both of its hosts (the native exoip and exoip.ps1) read them: a flag, else
/// its IF_* variable, else EXOSCALE_* and exoscale.toml; messages name the flag (<c>-xe</c>). Each mode's local
/// check runs here, before the metadata service or the API is asked, and names every problem in one line, the
/// command line's bad values first, so that both hosts fail the same way in one run.
/// </summary>
public sealed class CommandLineSettings
{
    /// <summary>Reads <paramref name="line"/>'s settings; its <see cref="ParsedCommandLine.BadValues"/> open every check's problems.</summary>
    public CommandLineSettings(ParsedCommandLine line)
    {
        Line = line ?? throw new ArgumentNullException(nameof(line));
        var parameters = line.Settings.ToDictionary(p => p.Key, p => (string?)p.Value);
        Sources = SettingSources.ReadingFileWhenNeeded(parameters, line.Environment,
            () => ExoscaleConfigFile.FromEnvironment(line.Environment), FlagOf);
    }

    /// <summary>The command line.</summary>
    public ParsedCommandLine Line { get; }

    /// <summary>The flags, then the variables, then exoscale.toml.</summary>
    public SettingSources Sources { get; }

    /// <summary>
    /// Checks the settings <see cref="Line"/>'s mode needs, without a network call, for a host that then resolves
    /// them its own way (exoip.ps1 through the cmdlets).
    /// </summary>
    /// <exception cref="ConfigurationException">Problems, all named in one message.</exception>
    /// <exception cref="UsageException">The command line's one bad value, and nothing else wrong.</exception>
    public void CheckLocally()
    {
        switch (Line.Mode)
        {
            case CommandLineMode.Watchdog:
                CheckWatchdog();
                break;
            case CommandLineMode.Associate or CommandLineMode.Dissociate or CommandLineMode.Check:
                CheckAssignment();
                break;
            default:
                Problems().ThrowIfAny();
                break;
        }
    }

    /// <summary>-W's settings, resolved locally; the instance id is <see cref="Guid.Empty"/> when the metadata service is to say.</summary>
    /// <exception cref="ConfigurationException">Problems, all named in one message.</exception>
    /// <exception cref="UsageException">The command line's one bad value, and nothing else wrong.</exception>
    public LocalWatchdogSettings CheckWatchdog()
    {
        var problems = Problems();
        var origins = new List<string>();
        var instanceId = GivenInstanceId(problems, origins);
        var options = problems.Check(() => WatchdogSettings.Resolve(Sources, instanceId, null, null, null, origins));
        var keys = problems.Check(() => AuthSettings.Resolve(Sources, origins));
        var health = problems.Check(() => HealthSettings.Resolve(Sources, origins));
        var metricsEndpoint = problems.Check(() => MetricsEndpoint.Resolve(Sources));
        var api = problems.Check(() => ApiSettings.ResolveLocal(Sources));
        problems.ThrowIfAny();
        return new LocalWatchdogSettings(instanceId, options!, keys, health!, metricsEndpoint, api!, origins);
    }

    /// <summary>-A, -D and -C's settings, resolved locally; the instance id is <see cref="Guid.Empty"/> when the metadata service is to say.</summary>
    /// <exception cref="ConfigurationException">Problems, all named in one message.</exception>
    /// <exception cref="UsageException">The command line's one bad value, and nothing else wrong.</exception>
    public LocalAssignmentSettings CheckAssignment()
    {
        var problems = Problems();
        var origins = new List<string>();
        var address = Sources.Find("ElasticIp", new[] { EnvironmentVariables.Address });
        if (address is null)
            problems.Add(new ConfigurationException("ElasticIp", $"No Elastic IP: give {Sources.Ways("ElasticIp", EnvironmentVariables.Address)}.", missing: true));
        var instanceId = GivenInstanceId(problems, origins);
        var api = problems.Check(() => ApiSettings.ResolveLocal(Sources));
        problems.ThrowIfAny();
        return new LocalAssignmentSettings(address!, instanceId, api!, origins);
    }

    /// <summary>Where a check gathers its problems: it starts with the command line's bad values.</summary>
    public ConfigurationProblems Problems()
    {
        var problems = new ConfigurationProblems();
        foreach (var bad in Line.BadValues) problems.AddEarlier(bad.Setting!, bad);
        return problems;
    }

    // -i or IF_EXOSCALE_INSTANCE_ID; Guid.Empty when neither gives it (the metadata service will say), and when the
    // value is no id (a problem kept).
    private Guid GivenInstanceId(ConfigurationProblems problems, ICollection<string> origins)
    {
        if (Sources.Find("InstanceId", new[] { EnvironmentVariables.InstanceId }) is not { } found) return Guid.Empty;
        if (Guid.TryParse(found.Value, out var id))
        {
            origins.Add($"instance id {found.Value} from {found.Source}");
            return id;
        }
        problems.Add(new ConfigurationException("InstanceId", $"InstanceId '{found.Value}' from {found.Source} is not an Exoscale instance id (a UUID)."));
        return Guid.Empty;
    }

    // Null for a setting without a flag (the zone): messages then name only its variables.
    private static string? FlagOf(string setting) => CommandLineOptions.All.FirstOrDefault(o => o.Setting == setting)?.Flag;
}
