using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;

namespace ExoIp.PowerShell.Completion;

/// <summary>Completes Get-ExoIpPeer -Job with this session's watchdog jobs, as a (Get-Job -Name ...) expression.</summary>
public sealed class WatchdogJobCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        using var shell = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace);
        var names = shell.AddCommand("Get-Job").Invoke<Job>()
            .Where(j => j.PSJobTypeName == "ExoIpWatchdog")
            .Select(j => j.Name)
            .ToList();
        var typed = (wordToComplete ?? string.Empty).Trim('(', ')', '\'', '"');
        if (typed.StartsWith("Get-Job -Name ", System.StringComparison.OrdinalIgnoreCase)) typed = typed.Substring("Get-Job -Name ".Length).Trim('\'', '"');
        return names
            .Where(n => n.StartsWith(typed, System.StringComparison.OrdinalIgnoreCase))
            .OrderBy(n => n, System.StringComparer.OrdinalIgnoreCase)
            .Select(n => new CompletionResult($"(Get-Job -Name '{n.Replace("'", "''")}')", n, CompletionResultType.ParameterValue, $"Watchdog job {n}"));
    }
}
