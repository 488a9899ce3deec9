using System;
using System.Collections.Concurrent;
using System.Threading;
using ExoIp.PowerShell.Logging;
using ExoIp.PowerShell.Output;

namespace ExoIp.PowerShell.Hosting;

/// <summary>
/// Carries what <see cref="WatchdogSession.PumpAsync"/> delivers to the pipeline thread of a foreground
/// cmdlet: PowerShell streams may only be written from there, and the pump runs on the thread pool.
/// </summary>
internal sealed class PipelineSink : IWatchdogSink, IDisposable
{
    private readonly BlockingCollection<Action<IWatchdogSink>> _writes = new();

    /// <summary>No more deliveries: <see cref="Consume"/> returns once it has written the rest.</summary>
    public void Complete() => _writes.CompleteAdding();

    /// <summary>
    /// On the calling (pipeline) thread, writes everything delivered to <paramref name="target"/> until
    /// <see cref="Complete"/> is called and all is written (true), or until <paramref name="stop"/> or
    /// <paramref name="timeout"/> (false; null waits as long as it takes).
    /// </summary>
    public bool Consume(IWatchdogSink target, CancellationToken stop, TimeSpan? timeout = null)
    {
        var deadline = timeout is { } bound ? DateTime.UtcNow + bound : (DateTime?)null;
        try
        {
            while (!_writes.IsCompleted)
            {
                var left = deadline is { } end ? (int)Math.Max(0, (end - DateTime.UtcNow).TotalMilliseconds) : Timeout.Infinite;
                if (_writes.TryTake(out var write, left, stop)) write(target);
                else if (left == 0) return false;
            }
            return true;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public void WriteEvent(WatchdogEventInfo watchdogEvent) => Add(t => t.WriteEvent(watchdogEvent));

    /// <inheritdoc />
    public void WriteDebug(string message) => Add(t => t.WriteDebug(message));

    /// <inheritdoc />
    public void WriteVerbose(string message) => Add(t => t.WriteVerbose(message));

    /// <inheritdoc />
    public void WriteWarning(string message) => Add(t => t.WriteWarning(message));

    /// <inheritdoc />
    public void Dispose() => _writes.Dispose();

    private void Add(Action<IWatchdogSink> write)
    {
        if (!_writes.IsAddingCompleted) _writes.Add(write);
    }
}
