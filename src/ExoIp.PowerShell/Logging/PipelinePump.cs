using System;
using System.Threading.Tasks;

namespace ExoIp.PowerShell.Logging;

/// <summary>
/// Waits for asynchronous core work on the pipeline thread while writing what the core logs to the
/// PowerShell streams (see <see cref="LogEntry.WriteTo"/>).
/// </summary>
internal static class PipelinePump
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(25);

    /// <summary>Blocks until <paramref name="work"/> completes, writing log entries as they come.</summary>
    public static T Wait<T>(IHostStreams streams, PipelineLog log, Task<T> work)
    {
        while (!((IAsyncResult)work).AsyncWaitHandle.WaitOne(Poll)) Drain(streams, log);
        Drain(streams, log);
        return work.GetAwaiter().GetResult();
    }

    /// <summary>Writes every queued entry to its stream.</summary>
    public static void Drain(IHostStreams streams, PipelineLog log)
    {
        while (log.TryTake(out var entry)) entry.WriteTo(streams);
    }
}
