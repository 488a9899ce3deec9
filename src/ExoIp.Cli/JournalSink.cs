using System;
using System.Globalization;
using System.IO;

namespace ExoIp.Cli;

/// <summary>
/// A stream systemd's journal reads (<see cref="JournalStream"/>): each line starts with the sd-daemon priority
/// prefix (<c>&lt;4&gt;</c> for a warning), which the journal turns into the entry's priority, and carries no
/// timestamp of its own (the journal stamps each entry), so <c>journalctl -p warning -u exoip</c> lists the warnings.
/// </summary>
internal sealed class JournalSink : TextLineSink
{
    public JournalSink(TextWriter output) : base(output)
    {
    }

    protected override string Format(DateTimeOffset time, string line, LineSeverity severity) =>
        "<" + ((int)severity).ToString(CultureInfo.InvariantCulture) + ">" + line;
}
