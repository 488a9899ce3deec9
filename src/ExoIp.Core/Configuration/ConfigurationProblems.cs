using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using ExoIp.Authentication;
using ExoIp.CommandLine;

namespace ExoIp.Configuration;

/// <summary>
/// Checks independent parts of a configuration one after the other and keeps every problem, so that one run
/// reports them all, before any network call, instead of one per run.
/// </summary>
public sealed class ConfigurationProblems
{
    private readonly List<Exception> _problems = new();
    private readonly HashSet<string> _checkedEarlier = new(StringComparer.Ordinal);

    /// <summary>
    /// Keeps a problem with <paramref name="setting"/>'s value that an earlier check found (the command line's own,
    /// under the flag or variable's name); a later problem with that setting would say it again and is not kept.
    /// </summary>
    public void AddEarlier(string setting, Exception problem)
    {
        _problems.Add(problem);
        _checkedEarlier.Add(setting);
    }

    /// <summary>Runs <paramref name="resolve"/>; a configuration problem is kept and gives null.</summary>
    public T? Check<T>(Func<T?> resolve) where T : class
    {
        try
        {
            return resolve();
        }
        catch (Exception e) when (e is ConfigurationException or AuthKeyException)
        {
            Keep(e is ConfigurationException { Parts: { } parts } ? parts : new[] { e });
            return null;
        }
    }

    /// <summary>Runs <paramref name="parse"/>; a configuration problem is kept and gives <paramref name="fallback"/>.</summary>
    public T Value<T>(Func<T> parse, T fallback) where T : struct => Check(() => (object)parse()) is T value ? value : fallback;

    /// <summary>Keeps a problem found by the caller.</summary>
    public void Add(ConfigurationException problem) => Keep(problem.Parts ?? new Exception[] { problem });

    /// <summary>
    /// Throws when a problem was kept: the problem itself when alone (its type tells what it is), else one
    /// <see cref="ConfigurationException"/> listing them all.
    /// </summary>
    public void ThrowIfAny()
    {
        if (_problems.Count == 1) ExceptionDispatchInfo.Capture(_problems[0]).Throw();
        if (_problems.Count == 0) return;
        throw new ConfigurationException(SettingOf(_problems[0]),
            $"{_problems.Count} problems: " + string.Join(" ", _problems.Select((p, i) => $"({i + 1}) {p.Message}")),
            _problems.All(p => p is ConfigurationException { IsMissing: true }), _problems.ToList());
    }

    private void Keep(IEnumerable<Exception> problems) => _problems.AddRange(problems.Where(p => !_checkedEarlier.Contains(SettingOf(p))));

    // An advert key's problem is the AuthKeyFile setting's; a bad value the command line found names its setting.
    private static string SettingOf(Exception problem) => problem switch
    {
        ConfigurationException c => c.Setting,
        UsageException { Setting: { } setting } => setting,
        _ => "AuthKeyFile",
    };
}
