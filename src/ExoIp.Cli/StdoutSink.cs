using System;
using System.Globalization;
using System.IO;

namespace ExoIp.Cli;

/// <summary>-O: a line per message on standard output, each with its UTC timestamp; never colour.</summary>
internal sealed class StdoutSink : LogSink
{
    private readonly TextWriter _out;

    public StdoutSink(TextWriter output) => _out = output;

    public override void Write(DateTimeOffset time, string line, bool warning)
    {
        var text = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) + (warning && !line.StartsWith("[", StringComparison.Ordinal) ? " WARNING: " : " ") + line;
        lock (_out)
        {
            _out.WriteLine(text);
            _out.Flush();
        }
    }
}
