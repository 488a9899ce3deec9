using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using ExoIp.Threading;

namespace ExoIp.Notify;

/// <summary>
/// Runs a watchdog's notify hooks on each role change, one run at a time and in order (for each change, each
/// hook in turn), each run bounded by the timeout, on its own task: the watchdog only queues changes
/// (<see cref="Enqueue"/> never blocks) and a failing or hanging hook stalls nothing else. When the hooks fall
/// behind by more than the queue holds, the oldest waiting changes are skipped (and reported so) rather than
/// the queue growing without bound.
/// </summary>
public sealed class NotifyRunner
{
    /// <summary>The default bound on one run (<c>-NotifyTimeout</c>).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How many changes may wait by default.</summary>
    public const int DefaultCapacity = 16;

    /// <summary>After a timeout, how long the cancelled run may take to end before the next starts regardless.</summary>
    public static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(2);

    private readonly IReadOnlyList<INotifyHook> _hooks;
    private readonly TimeSpan _timeout;
    private readonly Action<NotifyResult> _onResult;
    private readonly TimeProvider _time;
    private readonly Channel<RoleChange> _queue;
    // Cancelled when a bounded completion runs out: the run under way is stopped and the rest skipped.
    private readonly CancellationTokenSource _abandon = new();

    /// <summary>Starts a runner for <paramref name="hooks"/>; it waits for changes.</summary>
    /// <param name="hooks">What runs, in this order, for each change; at least one.</param>
    /// <param name="timeout">The bound on one run; positive.</param>
    /// <param name="onResult">Called, on the runner's task, with each hook's result for each change (skipped ones too); it must not throw.</param>
    /// <param name="timeProvider">The clock; the system clock by default.</param>
    /// <param name="capacity">How many changes may wait; at least 1.</param>
    public NotifyRunner(IReadOnlyList<INotifyHook> hooks, TimeSpan timeout, Action<NotifyResult> onResult, TimeProvider? timeProvider = null, int capacity = DefaultCapacity)
    {
        if (timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The notify timeout must be positive.");
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must be at least 1.");
        if (hooks is null) throw new ArgumentNullException(nameof(hooks));
        if (hooks.Count == 0 || hooks.Any(h => h is null)) throw new ArgumentException("Give at least one hook, and no null.", nameof(hooks));
        _hooks = hooks.ToArray();
        _onResult = onResult ?? throw new ArgumentNullException(nameof(onResult));
        _timeout = timeout;
        _time = timeProvider ?? TimeProvider.System;
        _queue = Channel.CreateBounded<RoleChange>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            skipped => Skip(skipped, $"skipped: {capacity} newer role changes were waiting"));
        Completion = Task.Run(WorkAsync);
    }

    /// <summary>What runs, in order.</summary>
    public IReadOnlyList<INotifyHook> Hooks => _hooks;

    /// <summary>Completes when <see cref="CompleteAsync"/> was called and every queued change has run.</summary>
    public Task Completion { get; }

    /// <summary>Queues a change; returns at once. False after <see cref="CompleteAsync"/>.</summary>
    public bool Enqueue(RoleChange change) => _queue.Writer.TryWrite(change ?? throw new ArgumentNullException(nameof(change)));

    /// <summary>Takes no more changes and returns once the queued ones have run (each bounded by the timeout).</summary>
    public Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        return Completion;
    }

    /// <summary>
    /// Takes no more changes and waits at most <paramref name="wait"/> for the queued ones to run; then stops the
    /// run under way (as its timeout would) and skips the rest, and returns once that is done (within a grace).
    /// </summary>
    /// <returns>True when every queued change ran within <paramref name="wait"/>.</returns>
    public async Task<bool> CompleteAsync(TimeSpan wait)
    {
        _queue.Writer.TryComplete();
        using (var deadline = _time.CreateCancellationTokenSource(wait))
        {
            if (await Completion.EndsBeforeAsync(deadline.Token).ConfigureAwait(false)) return true;
        }
        _abandon.Cancel();
        await Completion.ConfigureAwait(false);
        return false;
    }

    private async Task WorkAsync()
    {
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (_queue.Reader.TryRead(out var change))
            {
                foreach (var hook in _hooks) _onResult(await RunAsync(hook, change).ConfigureAwait(false));
            }
        }
    }

    private void Skip(RoleChange change, string why)
    {
        foreach (var hook in _hooks) _onResult(Skipped(hook, change, why));
    }

    private static NotifyResult Skipped(INotifyHook hook, RoleChange change, string why) =>
        new(change, hook.Description, NotifyOutcome.Skipped, null, TimeSpan.Zero, why);

    private async Task<NotifyResult> RunAsync(INotifyHook hook, RoleChange change)
    {
        if (_abandon.IsCancellationRequested) return Skipped(hook, change, "skipped: the watchdog stopped before it ran");
        var started = _time.GetTimestamp();
        using var timeout = _time.CreateCancellationTokenSource(_timeout);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _abandon.Token);
        var run = RunGuardedAsync(hook, change, deadline.Token);
        if (await run.EndsBeforeAsync(deadline.Token).ConfigureAwait(false))
        {
            var result = run.Result;
            return new NotifyResult(change, hook.Description, result.Succeeded ? NotifyOutcome.Succeeded : NotifyOutcome.Failed, result.ExitCode, _time.GetElapsedTime(started), result.Detail);
        }
        // One run at a time: give the cancelled run a moment to end (a killed command does at once).
        await Task.WhenAny(run, _time.Delay(CancelGrace)).ConfigureAwait(false);
        var detail = run.IsCompleted ? run.Result.Detail : null;
        var why = timeout.IsCancellationRequested ? $"still running after {_timeout.TotalSeconds:0.###} s: stopped" : "still running when the watchdog stopped: stopped";
        return new NotifyResult(change, hook.Description, NotifyOutcome.TimedOut, null, _time.GetElapsedTime(started), why + (detail is null ? "" : $" ({detail})"));
    }

    private static async Task<NotifyHookResult> RunGuardedAsync(INotifyHook hook, RoleChange change, CancellationToken cancellationToken)
    {
        try
        {
            // Task.Run: a hook that blocks before its first await must not block the timeout.
            return await Task.Run(() => hook.RunAsync(change, cancellationToken), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            return new NotifyHookResult(false, null, e.GetBaseException().Message);
        }
    }
}
