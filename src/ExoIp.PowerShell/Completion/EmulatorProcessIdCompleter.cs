using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using ExoIp.PowerShell.Emulator;

namespace ExoIp.PowerShell.Completion;

/// <summary>Completes Stop-ExoIpEmulator -ProcessId with the emulators this session started and that still run.</summary>
public sealed class EmulatorProcessIdCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        CompletionResults.Matching(
            EmulatorProcess.Running().Select(e => (e.ProcessId.ToString(CultureInfo.InvariantCulture), $"Emulator on {e.Url}")), wordToComplete);
}
