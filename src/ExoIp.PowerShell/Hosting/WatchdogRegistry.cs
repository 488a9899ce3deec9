using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace ExoIp.PowerShell.Hosting;

/// <summary>
/// The watchdogs running in this process, by name: jobs and thread jobs share the process, so
/// Get-ExoIpPeer, Set-ExoIpWatchdog and Stop-ExoIpWatchdog can reach any of them.
/// </summary>
internal static class WatchdogRegistry
{
    private static readonly ConcurrentDictionary<string, WatchdogSession> Sessions = new(StringComparer.OrdinalIgnoreCase);

    /// <exception cref="WatchdogNameInUseException">The name is taken.</exception>
    public static void Add(WatchdogSession session)
    {
        if (!Sessions.TryAdd(session.Name, session)) throw new WatchdogNameInUseException(session.Name);
    }

    /// <summary>True when no running watchdog has this name.</summary>
    public static bool IsFree(string name) => !Sessions.ContainsKey(name);

    public static void Remove(WatchdogSession session) =>
        ((ICollection<KeyValuePair<string, WatchdogSession>>)Sessions).Remove(new KeyValuePair<string, WatchdogSession>(session.Name, session));

    /// <summary>The sessions whose names match any of the patterns (all when none is given), by name.</summary>
    public static IReadOnlyList<WatchdogSession> Find(IReadOnlyCollection<string>? patterns)
    {
        var wildcards = patterns?.Select(p => new WildcardPattern(p, WildcardOptions.IgnoreCase)).ToList();
        return Sessions.Values
            .Where(s => wildcards is null || wildcards.Count == 0 || wildcards.Any(w => w.IsMatch(s.Name)))
            .OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }
}
