using System.Threading;
using System.Threading.Tasks;

namespace ExoIp.Notify;

/// <summary>
/// Something run on every role change: a command (<see cref="CommandNotifyHook"/>) or, in PowerShell, a
/// ScriptBlock. A <see cref="NotifyRunner"/> runs it one change at a time, in order, bounded by a timeout.
/// </summary>
public interface INotifyHook
{
    /// <summary>What runs, for messages.</summary>
    string Description { get; }

    /// <summary>Runs once for <paramref name="change"/>.</summary>
    /// <param name="change">The role change.</param>
    /// <param name="cancellationToken">Cancelled at the timeout: stop (a command is killed).</param>
    Task<NotifyHookResult> RunAsync(RoleChange change, CancellationToken cancellationToken);
}
