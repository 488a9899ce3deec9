using System;
using System.IO;

namespace ExoIp.Cli;

/// <summary>A sink that writes each line, formatted its own way, to a text stream, flushed, one writer at a time.</summary>
internal abstract class TextLineSink : LogSink
{
    private readonly TextWriter _out;

    protected TextLineSink(TextWriter output) => _out = output;

    public sealed override void Write(DateTimeOffset time, string line, LineSeverity severity)
    {
        var text = Format(time, line, severity);
        lock (_out)
        {
            _out.WriteLine(text);
            _out.Flush();
        }
    }

    /// <summary>The line as the stream's reader wants it.</summary>
    protected abstract string Format(DateTimeOffset time, string line, LineSeverity severity);
}
