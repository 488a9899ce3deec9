using System;
using System.Collections.Generic;
using System.Linq;
using ExoIp.Health;
using ExoIp.Notify;
using ExoIp.Processes;

namespace ExoIp.Configuration;

/// <summary>
/// The health checks and the notify command, from a cmdlet parameter, else their IF_* variable (so that an
/// ifupdown stanza's <c>health-check tcp://127.0.0.1:80</c> works), else the default. Each check and command
/// is parsed here, so a typo fails at start naming where it came from.
/// </summary>
public sealed class HealthSettings
{
    private HealthSettings(IReadOnlyList<string> checks, ExternalCommand? checkCommand, HealthCheckOptions options, ExternalCommand? notifyCommand, TimeSpan notifyTimeout)
    {
        Checks = checks;
        CheckCommand = checkCommand;
        Options = options;
        NotifyCommand = notifyCommand;
        NotifyTimeout = notifyTimeout;
    }

    /// <summary>The tcp://, http:// and https:// checks, as written.</summary>
    public IReadOnlyList<string> Checks { get; }

    /// <summary>The health check command, if any.</summary>
    public ExternalCommand? CheckCommand { get; }

    /// <summary>Interval, timeout, fall, rise, certificate check.</summary>
    public HealthCheckOptions Options { get; }

    /// <summary>The notify command, if any.</summary>
    public ExternalCommand? NotifyCommand { get; }

    /// <summary>The bound on one notify run.</summary>
    public TimeSpan NotifyTimeout { get; }

    /// <summary>True when at least one check (a URI or the command) is configured.</summary>
    public bool HasChecks => Checks.Count > 0 || CheckCommand is not null;

    /// <summary>New check objects for <see cref="Checks"/> and <see cref="CheckCommand"/>, in that order (a monitor owns them).</summary>
    public IReadOnlyList<IHealthCheck> CreateChecks() => Checks
        .Select(text => HealthCheckParser.Parse(text, Options.HealthCheckSkipCertificateCheck))
        .Concat(CheckCommand is null ? Enumerable.Empty<IHealthCheck>() : new[] { new CommandHealthCheck(CheckCommand) })
        .ToArray();

    /// <summary>Resolves and validates; <paramref name="origins"/> gets a line per value found.</summary>
    /// <param name="sources">Parameters (HealthCheck: several checks separated by spaces), then the environment.</param>
    /// <param name="origins">Where each value came from, for Verbose.</param>
    /// <exception cref="ConfigurationException">A value is invalid; the message names it and its source.</exception>
    public static HealthSettings Resolve(SettingSources sources, ICollection<string> origins)
    {
        if (sources is null) throw new ArgumentNullException(nameof(sources));
        ResolvedSetting? Find(string parameter, string variable)
        {
            var found = sources.Find(parameter, new[] { variable });
            if (found is not null) origins.Add($"{parameter} {found.Value} from {found.Source}");
            return found;
        }

        // Each value is parsed even when another one failed: every problem is reported at once.
        var problems = new ConfigurationProblems();
        var defaults = new HealthCheckOptions();
        var interval = problems.Value(() => WatchdogSettings.ParseSeconds(Find("HealthCheckInterval", EnvironmentVariables.HealthCheckInterval), "HealthCheckInterval", defaults.HealthCheckInterval), defaults.HealthCheckInterval);
        var timeoutSetting = Find("HealthCheckTimeout", EnvironmentVariables.HealthCheckTimeout);
        var timeout = timeoutSetting is null ? (TimeSpan?)null : problems.Value(() => WatchdogSettings.ParseSeconds(timeoutSetting, "HealthCheckTimeout", TimeSpan.Zero), interval);
        var options = new HealthCheckOptions
        {
            HealthCheckInterval = interval,
            HealthCheckTimeout = timeout,
            HealthCheckFall = problems.Value(() => WatchdogSettings.ParseInteger(Find("HealthCheckFall", EnvironmentVariables.HealthCheckFall), "HealthCheckFall", 1, HealthCheckOptions.MaximumCount, defaults.HealthCheckFall), defaults.HealthCheckFall),
            HealthCheckRise = problems.Value(() => WatchdogSettings.ParseInteger(Find("HealthCheckRise", EnvironmentVariables.HealthCheckRise), "HealthCheckRise", 1, HealthCheckOptions.MaximumCount, defaults.HealthCheckRise), defaults.HealthCheckRise),
            HealthCheckSkipCertificateCheck = problems.Value(() => WatchdogSettings.ParseSwitch(Find("HealthCheckSkipCertificateCheck", EnvironmentVariables.HealthCheckSkipCertificateCheck), "HealthCheckSkipCertificateCheck"), false),
        };
        foreach (var invalid in options.Validate())
            problems.Add(new ConfigurationException(invalid.Option, WatchdogSettings.Describe(invalid, sources)));

        var checkSetting = Find("HealthCheck", EnvironmentVariables.HealthCheck);
        var checks = checkSetting?.Value.Split(new[] { ' ', '\t', ',' }, StringSplitOptions.RemoveEmptyEntries) ?? Array.Empty<string>();
        foreach (var check in checks) problems.Check<object>(() => { ValidateCheck(check, checkSetting!, sources); return null; });
        var checkCommand = problems.Check(() => ParseCommand(Find("HealthCheckCommand", EnvironmentVariables.HealthCheckCommand), "HealthCheckCommand"));
        var notifyCommand = problems.Check(() => ParseCommand(Find("NotifyCommand", EnvironmentVariables.NotifyCommand), "NotifyCommand"));
        var notifyTimeout = problems.Value(() => WatchdogSettings.ParseSeconds(Find("NotifyTimeout", EnvironmentVariables.NotifyTimeout), "NotifyTimeout", NotifyRunner.DefaultTimeout), NotifyRunner.DefaultTimeout);
        problems.ThrowIfAny();
        return new HealthSettings(checks, checkCommand, options, notifyCommand, notifyTimeout);
    }

    private static void ValidateCheck(string text, ResolvedSetting setting, SettingSources sources)
    {
        try
        {
            (HealthCheckParser.Parse(text) as IDisposable)?.Dispose();
        }
        catch (FormatException e)
        {
            // The parser names the cmdlet's parameter for a command; the command line calls it otherwise.
            var message = e.Message.Replace("-HealthCheckCommand", sources.Ways("HealthCheckCommand", EnvironmentVariables.HealthCheckCommand));
            throw new ConfigurationException("HealthCheck", $"HealthCheck from {setting.Source}: {message}");
        }
    }

    private static ExternalCommand? ParseCommand(ResolvedSetting? setting, string option)
    {
        if (setting is null) return null;
        try
        {
            return ExternalCommand.Parse(setting.Value);
        }
        catch (FormatException e)
        {
            throw new ConfigurationException(option, $"{option} from {setting.Source}: {e.Message}");
        }
    }

}
