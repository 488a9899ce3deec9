using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using ExoIp.PowerShell.Hosting;

namespace ExoIp.PowerShell.Completion;

/// <summary>Completes -Name with the watchdogs running in this process.</summary>
public sealed class WatchdogNameCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionResults.Matching(
            WatchdogRegistry.Find(null).Select(s => (s.Name, s.Description)), wordToComplete);
}
