using System;
using System.Text.RegularExpressions;
using System.Threading;

namespace ExoIp.Emulator.Faults;

/// <summary>A rule in force: its compiled pattern, what remains of its count, and a signal for when it is removed.</summary>
internal sealed class ActiveFault(string id, FaultRule rule, Regex pattern)
{
    private readonly CancellationTokenSource _removed = new();
    private int _affected;

    public string Id { get; } = id;

    public FaultRule Rule { get; } = rule;

    /// <summary>Cancelled when the rule is removed: requests it holds hanging are then served.</summary>
    public CancellationToken Removed => _removed.Token;

    public bool Matches(string method, string path) =>
        (Rule.Method is null || string.Equals(Rule.Method, method, StringComparison.OrdinalIgnoreCase)) && pattern.IsMatch(path);

    /// <summary>How many requests the rule affected so far. Read under the injector's lock.</summary>
    public int Affected => _affected;

    /// <summary>True once a counted rule has affected its number of requests. Read under the injector's lock.</summary>
    public bool UsedUp => _affected >= Rule.Count;

    /// <summary>Counts one affected request. Called under the injector's lock.</summary>
    public void Use() => _affected++;

    public void Release() => _removed.Cancel();
}
