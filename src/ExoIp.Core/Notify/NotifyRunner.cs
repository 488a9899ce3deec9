using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using ExoIp.Threading;

namespace ExoIp.Notify;

/// <summary>
/// Runs a watchdog's notify hook on each role change, one run at a time and in order, each bounded by the
/// timeout, on its own task: the watchdog only queues changes (<see cref="Enqueue"/> never blocks) and a
/// failing or hanging hook stalls nothing else. When the hook falls behind by more than the queue holds,
/// the oldest waiting changes are skipped (and reported so) rather than the queue growing without bound.
/// </summary>
public sealed class NotifyRunner
{
    /// <summary>The default bound on one run (<c>-NotifyTimeout</c>).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How many changes may wait by default.</summary>
    public const int DefaultCapacity = 16;

    // After a timeout, how long the cancelled run may take to end before the next starts regardless.
    private static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(2);

    private readonly INotifyHook _hook;
    private readonly TimeSpan _timeout;
    private readonly Action<NotifyResult> _onResult;
    private readonly TimeProvider _time;
    private readonly Channel<RoleChange> _queue;

    /// <summary>Starts a runner for <paramref name="hook"/>; it waits for changes.</summary>
    /// <param name="hook">What runs.</param>
    /// <param name="timeout">The bound on one run; positive.</param>
    /// <param name="onResult">Called, on the runner's task, with each run's result (and each skipped change); it must not throw.</param>
    /// <param name="timeProvider">The clock; the system clock by default.</param>
    /// <param name="capacity">How many changes may wait; at least 1.</param>
    public NotifyRunner(INotifyHook hook, TimeSpan timeout, Action<NotifyResult> onResult, TimeProvider? timeProvider = null, int capacity = DefaultCapacity)
    {
        if (timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The notify timeout must be positive.");
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must be at least 1.");
        _hook = hook ?? throw new ArgumentNullException(nameof(hook));
        _onResult = onResult ?? throw new ArgumentNullException(nameof(onResult));
        _timeout = timeout;
        _time = timeProvider ?? TimeProvider.System;
        _queue = Channel.CreateBounded<RoleChange>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            skipped => _onResult(new NotifyResult(skipped, NotifyOutcome.Skipped, null, TimeSpan.Zero, $"skipped: {capacity} newer role changes were waiting for '{_hook.Description}'")));
        Completion = Task.Run(WorkAsync);
    }

    /// <summary>What runs.</summary>
    public INotifyHook Hook => _hook;

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

    private async Task WorkAsync()
    {
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (_queue.Reader.TryRead(out var change)) _onResult(await RunAsync(change).ConfigureAwait(false));
        }
    }

    private async Task<NotifyResult> RunAsync(RoleChange change)
    {
        var started = _time.GetTimestamp();
        using var deadline = _time.CreateCancellationTokenSource(_timeout);
        var run = RunGuardedAsync(change, deadline.Token);
        if (await run.EndsBeforeAsync(deadline.Token).ConfigureAwait(false))
        {
            var result = run.Result;
            return new NotifyResult(change, result.Succeeded ? NotifyOutcome.Succeeded : NotifyOutcome.Failed, result.ExitCode, _time.GetElapsedTime(started), result.Detail);
        }
        // One run at a time: give the cancelled run a moment to end (a killed command does at once).
        await Task.WhenAny(run, _time.Delay(CancelGrace)).ConfigureAwait(false);
        var detail = run.IsCompleted ? run.Result.Detail : null;
        return new NotifyResult(change, NotifyOutcome.TimedOut, null, _time.GetElapsedTime(started),
            $"still running after {_timeout.TotalSeconds:0.###} s: stopped" + (detail is null ? "" : $" ({detail})"));
    }

    private async Task<NotifyHookResult> RunGuardedAsync(RoleChange change, CancellationToken cancellationToken)
    {
        try
        {
            // Task.Run: a hook that blocks before its first await must not block the timeout.
            return await Task.Run(() => _hook.RunAsync(change, cancellationToken), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            return new NotifyHookResult(false, null, e.GetBaseException().Message);
        }
    }
}
