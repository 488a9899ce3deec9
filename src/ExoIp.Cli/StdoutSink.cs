using System;
using System.Globalization;
using System.IO;

namespace ExoIp.Cli;

/// <summary>-O on a terminal, a file or a pipe: a line per message, each with its UTC timestamp; never colour.</summary>
internal sealed class StdoutSink : LogSink
{
    private readonly TextWriter _out;

    public StdoutSink(TextWriter output) => _out = output;

    public override void Write(DateTimeOffset time, string line, LineSeverity severity)
    {
        var text = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) + Marker(line, severity) + line;
        lock (_out)
        {
            _out.WriteLine(text);
            _out.Flush();
        }
    }

    // An event line ([name] Kind: ...) says its kind; a bare warning or error says what it is.
    private static string Marker(string line, LineSeverity severity) =>
        line.StartsWith("[", StringComparison.Ordinal) ? " " : severity switch
        {
            LineSeverity.Error => " ERROR: ",
            LineSeverity.Warning => " WARNING: ",
            _ => " ",
        };
}
