using System;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;

namespace ExoIp.PowerShell.Scripting;

/// <summary>
/// A ScriptBlock run in a runspace of its own, so that it runs the same whatever the watchdog runs in (the
/// foreground, -AsJob, Start-ThreadJob, Start-Job) and never waits for the caller's runspace, which is busy
/// running the watchdog. The block is re-created there from its text: it sees none of the caller's
/// variables (write values into it, or read them from the environment or a file). The runspace opens here,
/// once (a few hundred milliseconds that must not eat the first check's timeout), and is kept, so variables
/// the block sets survive from one run to the next.
/// </summary>
internal sealed class IsolatedScript : IDisposable
{
    private const int MaxDescription = 60;

    private readonly string _text;
    private readonly object _gate = new();
    private readonly Runspace _runspace;
    private System.Management.Automation.PowerShell? _running;
    private bool _disposed;

    public IsolatedScript(ScriptBlock block)
    {
        if (block is null) throw new ArgumentNullException(nameof(block));
        _text = block.ToString();
        var oneLine = string.Join(" ", _text.Split(new[] { ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries));
        Description = "{ " + (oneLine.Length <= MaxDescription ? oneLine : oneLine.Substring(0, MaxDescription) + "…") + " }";
        _runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        _runspace.ThreadOptions = PSThreadOptions.UseNewThread;
        _runspace.Open();
    }

    /// <summary>The block's text on one line in braces, shortened, for messages.</summary>
    public string Description { get; }

    /// <summary>
    /// Runs the block once, with <paramref name="item"/> as <c>$_</c> when given. Cancelling stops it (as
    /// Ctrl+C would). A terminating error is thrown as the RuntimeException it is.
    /// </summary>
    /// <returns>The output and the non-terminating errors.</returns>
    public async Task<ScriptRun> InvokeAsync(object? item, CancellationToken cancellationToken)
    {
        var shell = System.Management.Automation.PowerShell.Create();
        try
        {
            lock (_gate)
            {
                if (_disposed) throw new ObjectDisposedException(nameof(IsolatedScript));
                if (_running is not null) throw new InvalidOperationException($"{Description} is still running from an earlier call.");
                shell.Runspace = _runspace;
                _running = shell;
            }
            var input = new PSDataCollection<object>();
            if (item is null) shell.AddScript(_text);
            else
            {
                // ForEach-Object sets $_ for a block written without a process { } of its own.
                shell.AddCommand("ForEach-Object").AddParameter("Process", ScriptBlock.Create(_text));
                input.Add(item);
            }
            input.Complete();
            var output = new PSDataCollection<PSObject>();
            using (cancellationToken.Register(() => shell.BeginStop(null, null)))
            {
                await Task.Factory.FromAsync(shell.BeginInvoke(input, output), shell.EndInvoke).ConfigureAwait(false);
            }
            cancellationToken.ThrowIfCancellationRequested();
            return new ScriptRun(new Collection<PSObject>(output.ReadAll()), shell.Streams.Error.ReadAll());
        }
        catch (PipelineStoppedException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        finally
        {
            lock (_gate)
            {
                if (ReferenceEquals(_running, shell)) _running = null;
            }
            shell.Dispose();
        }
    }

    /// <summary>
    /// The message of a terminating error: for <c>-ErrorAction Stop</c> the original error's, not the
    /// "preference variable is set to Stop" wrapper's.
    /// </summary>
    public static string MessageOf(RuntimeException error) => error.ErrorRecord?.ToString() ?? error.Message;

    /// <inheritdoc />
    public void Dispose()
    {
        System.Management.Automation.PowerShell? running;
        Runspace runspace;
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            running = _running;
            runspace = _runspace;
        }
        running?.BeginStop(null, null);
        runspace.Dispose();
    }
}
