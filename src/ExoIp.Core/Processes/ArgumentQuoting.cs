using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace ExoIp.Processes;

/// <summary>
/// Joins arguments into the one string <see cref="System.Diagnostics.ProcessStartInfo.Arguments"/> takes, so
/// that the process receives exactly these words. netstandard2.0 has no ArgumentList; the runtime splits
/// Arguments by the Windows rules (CommandLineToArgvW) on every platform, which this quoting inverts.
/// </summary>
public static class ArgumentQuoting
{
    /// <summary>The arguments as one command-line string.</summary>
    public static string Join(IEnumerable<string> arguments) => string.Join(" ", arguments.Select(Quote));

    /// <summary>One argument, quoted when it must be.</summary>
    public static string Quote(string argument)
    {
        if (argument.Length > 0 && !argument.Any(c => c is ' ' or '\t' or '\n' or '\v' or '"')) return argument;
        var quoted = new StringBuilder("\"");
        var backslashes = 0;
        foreach (var c in argument)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }
            // Backslashes are literal unless a quote follows: then each one is doubled and the quote escaped.
            quoted.Append('\\', c == '"' ? backslashes * 2 + 1 : backslashes).Append(c);
            backslashes = 0;
        }
        // Before the closing quote, every backslash is doubled so that it stays a backslash.
        return quoted.Append('\\', backslashes * 2).Append('"').ToString();
    }
}
