using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace ExoIp.PowerShell.Completion;

/// <summary>Turns known values into completion results for what the user has typed so far.</summary>
internal static class CompletionResults
{
    /// <summary>The values that start with <paramref name="wordToComplete"/> (case-insensitive), quoted when they need it.</summary>
    public static IEnumerable<CompletionResult> Matching(IEnumerable<(string Value, string Tooltip)> values, string wordToComplete)
    {
        var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
        var pattern = new WildcardPattern(WildcardPattern.Escape(typed) + "*", WildcardOptions.IgnoreCase);
        return values
            .Where(v => pattern.IsMatch(v.Value))
            .OrderBy(v => v.Value, System.StringComparer.OrdinalIgnoreCase)
            .Select(v => new CompletionResult(Quote(v.Value), v.Value, CompletionResultType.ParameterValue, v.Tooltip));
    }

    private static string Quote(string value) =>
        value.Any(c => char.IsWhiteSpace(c) || "'\"`$(){}[];,|&@#".IndexOf(c) >= 0) ? "'" + value.Replace("'", "''") + "'" : value;
}
