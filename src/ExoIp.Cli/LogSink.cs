using System;

namespace ExoIp.Cli;

/// <summary>Where <c>exoip</c>'s lines go: standard output (-O), the journal, or syslog.</summary>
internal abstract class LogSink : IDisposable
{
    /// <summary>Writes one line of <paramref name="severity"/>.</summary>
    public abstract void Write(DateTimeOffset time, string line, LineSeverity severity);

    /// <inheritdoc />
    public virtual void Dispose()
    {
    }
}
