using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace ExoIp.PowerShell.Logging;

/// <summary>
/// An <see cref="ILogger"/> for the core that queues messages instead of writing them: PowerShell streams
/// may only be written from the pipeline thread, and the core logs from wherever its tasks run. The
/// cmdlet drains the queue on its own thread (see <see cref="PipelinePump"/>).
/// </summary>
public sealed class PipelineLog : ILogger
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    // Completed by the next entry queued, then replaced: a job's pump sleeps on it rather than looking every so often.
    private TaskCompletionSource<bool> _arrival = NewArrival();

    /// <summary>Queues a message written by the PowerShell layer itself.</summary>
    public void Write(LogLevel level, string message) => Enqueue(new LogEntry(level, message));

    /// <summary>Takes the oldest queued entry.</summary>
    public bool TryTake(out LogEntry entry) => _entries.TryDequeue(out entry);

    /// <summary>Completes once an entry is queued: at once if one is waiting, else when the next one comes.</summary>
    public Task WhenEntryAsync()
    {
        // The arrival is taken before looking at the queue: an entry queued after the look completes this one.
        var arrival = Volatile.Read(ref _arrival);
        return _entries.IsEmpty ? arrival.Task : Task.CompletedTask;
    }

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        var message = formatter(state, exception);
        if (exception is not null) message += ": " + exception.Message;
        Enqueue(new LogEntry(logLevel, message));
    }

    private void Enqueue(LogEntry entry)
    {
        _entries.Enqueue(entry);
        Interlocked.Exchange(ref _arrival, NewArrival()).TrySetResult(true);
    }

    // Asynchronous continuations: the pump's drain never runs on the thread that logged (the watchdog's loop).
    private static TaskCompletionSource<bool> NewArrival() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>One queued log message.</summary>
public readonly struct LogEntry
{
    /// <summary>Creates an entry.</summary>
    public LogEntry(LogLevel level, string message)
    {
        Level = level;
        Message = message;
    }

    /// <summary>The level it was logged at.</summary>
    public LogLevel Level { get; }

    /// <summary>The formatted message.</summary>
    public string Message { get; }

    /// <summary>Writes it to the stream of its level: Trace to Debug, Debug and Information to Verbose, Warning and above to Warning.</summary>
    internal void WriteTo(IHostStreams streams)
    {
        switch (Level)
        {
            case LogLevel.Trace: streams.WriteDebug(Message); break;
            case LogLevel.Debug:
            case LogLevel.Information: streams.WriteVerbose(Message); break;
            default: streams.WriteWarning(Message); break;
        }
    }
}
