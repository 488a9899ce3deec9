using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using ExoIp.Configuration;

namespace ExoIp.PowerShell.Completion;

/// <summary>Completes <c>-Zone</c> with Exoscale's known zones.</summary>
public sealed class ZoneCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return KnownZones.BuiltIn
            .Where(zone => zone.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(zone => new CompletionResult(zone, zone, CompletionResultType.ParameterValue, "Exoscale zone " + zone));
    }
}
