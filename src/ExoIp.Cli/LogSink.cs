using System;

namespace ExoIp.Cli;

/// <summary>Where <c>exoip</c>'s lines go: standard output (-O) or syslog.</summary>
internal abstract class LogSink : IDisposable
{
    /// <summary>Writes one line; <paramref name="warning"/> marks it for syslog's severity.</summary>
    public abstract void Write(DateTimeOffset time, string line, bool warning);

    /// <inheritdoc />
    public virtual void Dispose()
    {
    }
}
