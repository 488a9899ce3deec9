using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Notify;
using ExoIp.PowerShell.Scripting;

namespace ExoIp.PowerShell.Notify;

/// <summary>
/// <c>-OnRoleChange { … }</c>: runs the block with the <see cref="RoleChange"/> as <c>$_</c>, in a runspace of
/// its own (see <see cref="IsolatedScript"/>); it fails when it throws or writes an error, and is stopped at
/// the notify timeout. Its output is discarded but for the last line, kept as the result's detail.
/// </summary>
public sealed class ScriptBlockNotifyHook : INotifyHook, IDisposable
{
    private readonly IsolatedScript _script;

    /// <summary>A hook running <paramref name="block"/>.</summary>
    public ScriptBlockNotifyHook(ScriptBlock block) => _script = new IsolatedScript(block);

    /// <inheritdoc />
    public string Description => _script.Description;

    /// <inheritdoc />
    public async Task<NotifyHookResult> RunAsync(RoleChange change, CancellationToken cancellationToken)
    {
        try
        {
            var run = await _script.InvokeAsync(change, cancellationToken).ConfigureAwait(false);
            if (run.FirstError is { } error) return new NotifyHookResult(false, null, error);
            var last = run.Output.Count == 0 ? null : run.Output[run.Output.Count - 1]?.ToString();
            return new NotifyHookResult(true, null, last);
        }
        catch (RuntimeException e)
        {
            return new NotifyHookResult(false, null, $"threw: {IsolatedScript.MessageOf(e)}");
        }
    }

    /// <inheritdoc />
    public void Dispose() => _script.Dispose();
}
