using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Tests.Processes;
using Microsoft.Extensions.Time.Testing;

namespace ExoIp.Tests;

/// <summary>
/// A fake clock that shows the timers created on it, so that a test moves time only once the wait it means to
/// end has been registered and the work it means to let finish has let go of its own timer. Code under test runs
/// on other threads: moving a plain fake clock "when the request has been seen" races the code's next step, and a
/// timer registered just after the move is not due until the clock moves again.
/// </summary>
internal sealed class TimerWatchingClock : FakeTimeProvider
{
    private readonly object _gate = new();
    private readonly List<WatchedTimer> _timers = new();

    public TimerWatchingClock(DateTimeOffset start)
        : base(start)
    {
    }

    /// <summary>Every timer created so far, oldest first.</summary>
    public IReadOnlyList<WatchedTimer> Timers
    {
        get
        {
            lock (_gate) return _timers.ToArray();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var watched = new WatchedTimer(this, base.CreateTimer(callback, state, dueTime, period), dueTime);
        lock (_gate)
        {
            watched.Sequence = _timers.Count;
            _timers.Add(watched);
        }
        return watched;
    }

    /// <summary>Waits for the first timer after <paramref name="after"/> (a sequence number; -1 for any) that <paramref name="match"/> accepts.</summary>
    public async Task<WatchedTimer> TimerAsync(string what, Func<WatchedTimer, bool> match, int after = -1)
    {
        WatchedTimer? found = null;
        await Eventually.HoldsAsync(() => (found = Timers.FirstOrDefault(t => t.Sequence > after && match(t))) is not null,
            ScriptFiles.Deadline, what, () => Describe());
        return found!;
    }

    /// <summary>Moves the clock to the moment <paramref name="timer"/> is due.</summary>
    public void AdvanceTo(WatchedTimer timer) => Advance(timer.DueAt - GetUtcNow());

    /// <summary>The timers, for a failure message.</summary>
    public string Describe() =>
        $"now {GetUtcNow():HH:mm:ss.fff}; timers: " + string.Join(", ", Timers.Select(t => t.ToString()));

    /// <summary>A timer of the clock: when it was created, when it is due, whether its owner has let it go.</summary>
    internal sealed class WatchedTimer : ITimer
    {
        private readonly TimeProvider _clock;
        private readonly ITimer _inner;
        private readonly object _gate = new();
        private TimeSpan _dueTime;
        private DateTimeOffset _setAt;
        private int _disposed;

        public WatchedTimer(TimeProvider clock, ITimer inner, TimeSpan dueTime)
        {
            _clock = clock;
            _inner = inner;
            CreatedAt = _setAt = clock.GetUtcNow();
            _dueTime = dueTime;
        }

        /// <summary>Its place in the order of creation, from 0.</summary>
        public int Sequence { get; internal set; }

        /// <summary>The fake time it was created at.</summary>
        public DateTimeOffset CreatedAt { get; }

        /// <summary>
        /// The due time it was last given, at creation or by <see cref="Change"/> (a cancellation source, for one,
        /// creates its timer unscheduled and then schedules it); infinite while unscheduled.
        /// </summary>
        public TimeSpan DueTime
        {
            get
            {
                lock (_gate) return _dueTime;
            }
        }

        /// <summary>Whether it has been given a due time (a cancellation source's is infinite until scheduled).</summary>
        public bool IsScheduled => DueTime != Timeout.InfiniteTimeSpan;

        /// <summary>When it is next due, if it is scheduled.</summary>
        public DateTimeOffset DueAt
        {
            get
            {
                lock (_gate) return _setAt + _dueTime;
            }
        }

        /// <summary>Whether its owner disposed it (a cancellation source does when its work is over).</summary>
        public bool IsDisposed => Volatile.Read(ref _disposed) == 1;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (_gate)
            {
                _dueTime = dueTime;
                _setAt = _clock.GetUtcNow();
            }
            return _inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            Volatile.Write(ref _disposed, 1);
            _inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Volatile.Write(ref _disposed, 1);
            return _inner.DisposeAsync();
        }

        public override string ToString() =>
            $"#{Sequence} created {CreatedAt:HH:mm:ss.fff}, due in {DueTime.TotalMilliseconds} ms{(IsDisposed ? ", disposed" : "")}";
    }
}
