using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
using ExoIp.Authentication;

namespace ExoIp.Configuration;

/// <summary>
/// Checks independent parts of a configuration one after the other and keeps every problem, so that one run
/// reports them all, before any network call, instead of one per run.
/// </summary>
public sealed class ConfigurationProblems
{
    private readonly List<Exception> _problems = new();

    /// <summary>Runs <paramref name="resolve"/>; a configuration problem is kept and gives null.</summary>
    public T? Check<T>(Func<T?> resolve) where T : class
    {
        try
        {
            return resolve();
        }
        catch (Exception e) when (e is ConfigurationException or AuthKeyException)
        {
            if (e is ConfigurationException { Parts: { } parts }) _problems.AddRange(parts);
            else _problems.Add(e);
            return null;
        }
    }

    /// <summary>Runs <paramref name="parse"/>; a configuration problem is kept and gives <paramref name="fallback"/>.</summary>
    public T Value<T>(Func<T> parse, T fallback) where T : struct => Check(() => (object)parse()) is T value ? value : fallback;

    /// <summary>Keeps a problem found by the caller.</summary>
    public void Add(ConfigurationException problem)
    {
        if (problem.Parts is { } parts) _problems.AddRange(parts);
        else _problems.Add(problem);
    }

    /// <summary>
    /// Throws when a problem was kept: the problem itself when alone (its type tells what it is), else one
    /// <see cref="ConfigurationException"/> listing them all.
    /// </summary>
    public void ThrowIfAny()
    {
        if (_problems.Count == 1) ExceptionDispatchInfo.Capture(_problems[0]).Throw();
        if (_problems.Count == 0) return;
        var first = _problems[0] as ConfigurationException;
        throw new ConfigurationException(first?.Setting ?? "AuthKeyFile",
            $"{_problems.Count} problems: " + string.Join(" ", _problems.Select((p, i) => $"({i + 1}) {p.Message}")),
            _problems.All(p => p is ConfigurationException { IsMissing: true }), _problems.ToList());
    }
}
