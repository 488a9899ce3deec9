using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.PowerShell.Logging;

namespace ExoIp.PowerShell.Infrastructure;

/// <summary>
/// Base of every ExoIp cmdlet that waits on the core: Ctrl+C (StopProcessing) cancels the work, and
/// what the core logs reaches the Verbose/Warning/Debug streams from the pipeline thread.
/// </summary>
public abstract class ExoIpCmdlet : PSCmdlet, IDisposable, IHostStreams
{
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Cancelled when the user stops the pipeline.</summary>
    protected CancellationToken StopToken => _stopping.Token;

    /// <summary>The logger handed to the core.</summary>
    protected PipelineLog Log { get; } = new();

    /// <summary>Runs core work and waits for it on the pipeline thread, writing its log as it goes.</summary>
    protected T Await<T>(Func<CancellationToken, Task<T>> work) => PipelinePump.Wait(this, Log, work(StopToken));

    /// <summary>The ErrorRecord for a core exception, with the log flushed first so Verbose reads in order.</summary>
    protected ErrorRecord ErrorFor(Exception exception, object? target)
    {
        PipelinePump.Drain(this, Log);
        return ErrorRecords.From(exception, target);
    }

    /// <inheritdoc />
    protected override void StopProcessing() => _stopping.Cancel();

    void IHostStreams.WriteDebug(string message) => WriteDebug(message);
    void IHostStreams.WriteVerbose(string message) => WriteVerbose(message);
    void IHostStreams.WriteWarning(string message) => WriteWarning(message);

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the cmdlet holds; PowerShell calls Dispose when the pipeline ends, also after Ctrl+C.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing) _stopping.Dispose();
    }
}
