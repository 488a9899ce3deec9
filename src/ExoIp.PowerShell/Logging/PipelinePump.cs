using System;
using System.Management.Automation;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace ExoIp.PowerShell.Logging;

/// <summary>
/// Waits for asynchronous core work on the pipeline thread while writing what the core logs to the
/// PowerShell streams: Trace to Debug, Debug and Information to Verbose, Warning and above to Warning.
/// </summary>
public static class PipelinePump
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(25);

    /// <summary>Blocks until <paramref name="work"/> completes, writing log entries as they come.</summary>
    public static T Wait<T>(Cmdlet cmdlet, PipelineLog log, Task<T> work)
    {
        while (!((IAsyncResult)work).AsyncWaitHandle.WaitOne(Poll)) Drain(cmdlet, log);
        Drain(cmdlet, log);
        return work.GetAwaiter().GetResult();
    }

    /// <summary>Writes every queued entry to its stream.</summary>
    public static void Drain(Cmdlet cmdlet, PipelineLog log)
    {
        while (log.TryTake(out var entry)) Write(cmdlet, entry);
    }

    /// <summary>Writes one entry to the stream of its level.</summary>
    public static void Write(Cmdlet cmdlet, LogEntry entry)
    {
        switch (entry.Level)
        {
            case LogLevel.Trace: cmdlet.WriteDebug(entry.Message); break;
            case LogLevel.Debug:
            case LogLevel.Information: cmdlet.WriteVerbose(entry.Message); break;
            default: cmdlet.WriteWarning(entry.Message); break;
        }
    }
}
