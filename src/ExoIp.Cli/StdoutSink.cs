using System;
using System.Globalization;
using System.IO;

namespace ExoIp.Cli;

/// <summary>-O on a terminal, a file or a pipe: a line per message, each with its UTC timestamp; never colour.</summary>
internal sealed class StdoutSink : TextLineSink
{
    public StdoutSink(TextWriter output) : base(output)
    {
    }

    protected override string Format(DateTimeOffset time, string line, LineSeverity severity) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) + Marker(line, severity) + line;

    // An event line ([name] Kind: ...) says its kind; a bare warning or error says what it is.
    private static string Marker(string line, LineSeverity severity) =>
        line.StartsWith("[", StringComparison.Ordinal) ? " " : severity switch
        {
            LineSeverity.Error => " ERROR: ",
            LineSeverity.Warning => " WARNING: ",
            _ => " ",
        };
}
