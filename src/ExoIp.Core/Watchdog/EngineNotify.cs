using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ExoIp.Notify;

namespace ExoIp.Watchdog;

/// <summary>
/// The engine's notify hooks: one runner beside the loop, told each role change. A reload replaces it on the loop;
/// the one replaced ends beside the loop (a hook under way ends within its timeout), and the run's end waits for
/// that. The end tells the Stopped hook last.
/// </summary>
internal sealed class EngineNotify
{
    private readonly Action<NotifyResult> _onResult;
    private readonly TimeProvider _time;
    private readonly List<Task> _closing = new();
    private NotifyRunner? _runner;

    public EngineNotify(IReadOnlyList<INotifyHook>? hooks, TimeSpan timeout, Action<NotifyResult> onResult, TimeProvider time)
    {
        _onResult = onResult;
        _time = time;
        _runner = NewRunner(hooks?.ToArray() ?? Array.Empty<INotifyHook>(), timeout);
    }

    /// <summary>The longest the end takes beyond the stop: one notify timeout and a grace; nothing without hooks.</summary>
    public TimeSpan EndBound(TimeSpan notifyTimeout) => _runner is null ? TimeSpan.Zero : FinalWait(notifyTimeout) + NotifyRunner.CancelGrace;

    /// <summary>Queues a role change for the hooks; returns at once.</summary>
    public void Announce(RoleChange change) => _runner?.Enqueue(change);

    /// <summary>
    /// A reload's new hooks, on the loop (none: no hook runs from now on); the runner replaced gets
    /// <paramref name="closeWithin"/> to finish what it queued.
    /// </summary>
    public void Replace(IReadOnlyList<INotifyHook> hooks, TimeSpan timeout, TimeSpan closeWithin)
    {
        if (_runner is { } runner) _closing.Add(CloseAsync(runner, closeWithin));
        _runner = NewRunner(hooks.ToArray(), timeout);
    }

    /// <summary>Completes once every runner a reload replaced has ended.</summary>
    public Task ReplacedEnded() => Task.WhenAll(_closing);

    // After the releasing stop is done: the Stopped hook, waited for at most one notify timeout (and a grace).
    // Without a Stopped hook (a killed watchdog tells no hook, as a crash would not), the run under way is stopped.
    public async Task EndAsync(Func<RoleChange>? stopped, TimeSpan notifyTimeout)
    {
        if (_runner is null) return;
        if (stopped is not null) _runner.Enqueue(stopped());
        await CloseAsync(_runner, stopped is null ? TimeSpan.Zero : FinalWait(notifyTimeout)).ConfigureAwait(false);
    }

    // How long the end waits for the Stopped hook (and any still queued before it) before stopping them.
    private static TimeSpan FinalWait(TimeSpan notifyTimeout) => notifyTimeout + TimeSpan.FromSeconds(1);

    private NotifyRunner? NewRunner(IReadOnlyList<INotifyHook> hooks, TimeSpan timeout) =>
        hooks.Count == 0 ? null : new NotifyRunner(hooks, timeout, _onResult, _time);

    private static async Task CloseAsync(NotifyRunner runner, TimeSpan wait)
    {
        await runner.CompleteAsync(wait).ConfigureAwait(false);
        foreach (var hook in runner.Hooks.OfType<IDisposable>()) hook.Dispose();
    }
}
