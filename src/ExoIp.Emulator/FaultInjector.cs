using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using ExoIp.Emulator.Faults;

namespace ExoIp.Emulator;

/// <summary>
/// The active fault rules. Rules apply to the API (<c>/v2</c>) and metadata paths, never to the control API;
/// for each request the first matching rule that fires (by <see cref="FaultRule.Rate"/>) takes effect.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<ActiveFault> _faults = [];

    /// <summary>Adds a rule and returns its id (for <see cref="Remove"/>).</summary>
    /// <exception cref="ArgumentException">The pattern is not a valid regular expression, or a value is out of range.</exception>
    public string Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var copy = rule.Copy();
        if (copy.Rate is < 0 or > 1) throw new ArgumentException("Rate must be between 0 and 1.", nameof(rule));
        if (copy.Count is < 1) throw new ArgumentException("Count must be at least 1 (or null for no limit).", nameof(rule));
        if (copy.StatusCode is < 100 or > 599) throw new ArgumentException("StatusCode must be an HTTP status (100-599).", nameof(rule));
        if (copy.Latency < TimeSpan.Zero) throw new ArgumentException("Latency cannot be negative.", nameof(rule));
        Regex pattern;
        try
        {
            pattern = new Regex(copy.PathPattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"PathPattern is not a valid regular expression: {e.Message}", nameof(rule), e);
        }

        var fault = new ActiveFault(Guid.NewGuid().ToString("N"), copy, pattern);
        lock (_gate) _faults.Add(fault);
        return fault.Id;
    }

    /// <summary>Removes a rule; requests it holds hanging are then served. False when no rule has that id.</summary>
    public bool Remove(string id)
    {
        ActiveFault? fault;
        lock (_gate)
        {
            fault = _faults.FirstOrDefault(f => f.Id == id);
            if (fault is null) return false;
            _faults.Remove(fault);
        }

        fault.Release();
        return true;
    }

    /// <summary>Removes every rule.</summary>
    public void Clear()
    {
        List<ActiveFault> removed;
        lock (_gate)
        {
            removed = [.. _faults];
            _faults.Clear();
        }

        foreach (var fault in removed) fault.Release();
    }

    /// <summary>How many requests the rule affected so far (tests use it to know a request reached a hang).</summary>
    /// <exception cref="KeyNotFoundException">No rule has that id.</exception>
    internal int Affected(string id)
    {
        lock (_gate) return (_faults.FirstOrDefault(f => f.Id == id) ?? throw new KeyNotFoundException($"No fault rule {id}.")).Affected;
    }

    /// <summary>The rule that affects this request, if any; counts it against the rule's <see cref="FaultRule.Count"/>.</summary>
    internal ActiveFault? Match(string method, string path)
    {
        lock (_gate)
        {
            foreach (var fault in _faults)
            {
                if (fault.UsedUp || !fault.Matches(method, path) || Random.Shared.NextDouble() >= fault.Rule.Rate) continue;
                // A used-up rule stays listed: Remove still releases the requests it made hang.
                fault.Use();
                return fault;
            }

            return null;
        }
    }
}
