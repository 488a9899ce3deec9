using System;
using Microsoft.Extensions.Logging;

namespace ExoIp.Cli;

/// <summary>
/// The API client's log as <c>exoip</c>'s lines: at <paramref name="minimum"/> and above. (The watchdog's own
/// happenings are its events, each written once as its line: the engine gets no logger here.)
/// </summary>
internal sealed class LineLogger : ILogger
{
    private readonly LogSink _sink;
    private readonly LogLevel _minimum;

    /// <param name="sink">Where the lines go.</param>
    /// <param name="minimum">The lowest level written.</param>
    public LineLogger(LogSink sink, LogLevel minimum)
    {
        _sink = sink;
        _minimum = minimum;
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= _minimum;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        var message = formatter(state, exception);
        if (exception is not null) message += ": " + exception.Message;
        // Below warnings, only -v shows the core's log: marked as such, as the pwsh route marks its Verbose stream.
        var severity = logLevel switch
        {
            >= LogLevel.Error => LineSeverity.Error,
            LogLevel.Warning => LineSeverity.Warning,
            _ => LineSeverity.Debug,
        };
        _sink.Write(DateTimeOffset.UtcNow, severity == LineSeverity.Debug ? "VERBOSE: " + message : message, severity);
    }
}
