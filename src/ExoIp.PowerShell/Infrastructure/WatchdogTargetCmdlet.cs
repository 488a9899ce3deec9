using System;
using System.Collections.Generic;
using System.Management.Automation;
using ExoIp.PowerShell.Hosting;

namespace ExoIp.PowerShell.Infrastructure;

/// <summary>Base of the cmdlets that act on watchdogs running in this process, chosen by name.</summary>
public abstract class WatchdogTargetCmdlet : PSCmdlet
{
    /// <summary>Watchdog names (wildcards allowed); all running watchdogs when left out.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completion.WatchdogNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>
    /// The running watchdogs <see cref="Name"/> selects; a name without wildcards that matches none is a
    /// WatchdogNotFound error, as Get-Process does for a missing process.
    /// </summary>
    protected IReadOnlyList<WatchdogSession> Targets() => Select(this, Name);

    /// <summary>Selects sessions by name for any cmdlet, writing WatchdogNotFound for each unmatched literal name.</summary>
    internal static IReadOnlyList<WatchdogSession> Select(Cmdlet cmdlet, IReadOnlyCollection<string>? names)
    {
        var sessions = WatchdogRegistry.Find(names);
        foreach (var name in names ?? Array.Empty<string>())
        {
            if (WildcardPattern.ContainsWildcardCharacters(name) || WatchdogRegistry.Find(new[] { name }).Count > 0) continue;
            cmdlet.WriteError(new ErrorRecord(
                new ItemNotFoundException($"No watchdog named '{name}' is running in this process."),
                "WatchdogNotFound", ErrorCategory.ObjectNotFound, name));
        }
        return sessions;
    }
}
