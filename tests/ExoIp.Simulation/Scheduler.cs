using System.Threading;
using System;
using System.Collections.Generic;

namespace ExoIp.Simulation;

/// <summary>
/// The world's one clock and its one thread: events run in a total order (virtual time, then the order they
/// were scheduled in), and time jumps to the next due event. Nothing here sleeps, spawns or locks.
/// </summary>
public sealed class Scheduler
{
    /// <summary>The node index of events that belong to no node (the network, the API's server side, the nemesis).</summary>
    public const int WorldEvent = -1;

    private readonly PriorityQueue<Entry, EventKey> _queue = new(1024, EventKeyComparer.Instance);
    private readonly int _thread = Environment.CurrentManagedThreadId;
    private long _sequence;

    /// <summary>Virtual time since the run began, in ticks (100 ns).</summary>
    public long Now { get; private set; }

    /// <summary>How many events have run.</summary>
    public long EventsRun { get; private set; }

    /// <summary>When set, every event run is appended (the determinism test compares two runs' traces).</summary>
    public List<TraceEntry>? Trace { get; set; }

    /// <summary>Called after each event with the node it belonged to (or <see cref="WorldEvent"/>).</summary>
    public Action<int>? AfterEvent { get; set; }

    /// <summary>
    /// Throws unless called on the thread that created the scheduler: a node whose continuation escaped to the
    /// thread pool (an await not completed inline, a Task.Run) would make the run depend on real timing.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called from another thread.</exception>
    public void RequireOwnThread()
    {
        if (Environment.CurrentManagedThreadId != _thread)
            throw new InvalidOperationException(
                "A node called the simulated world from another thread: a continuation escaped the scheduler (Task.Run, " +
                "ConfigureAwait onto the thread pool, a TaskCompletionSource with RunContinuationsAsynchronously).");
    }

    /// <summary>Schedules <paramref name="handler"/> at <paramref name="at"/> (never before now).</summary>
    public void Schedule(long at, ISimEvent handler, long token, int node)
    {
        RequireOwnThread();
        if (at < Now) at = Now;
        _queue.Enqueue(new Entry(handler, token, node), new EventKey(at, _sequence++));
    }

    /// <summary>Schedules a one-off action (allocates; keep it off the hot paths).</summary>
    public void Schedule(long at, string label, Action action, int node = WorldEvent) =>
        Schedule(at, new OneOff(label, action), 0, node);

    /// <summary>Runs every event due up to <paramref name="until"/>, then sets the time to it.</summary>
    public void RunUntil(long until)
    {
        // One thread, no context: a host's SynchronizationContext (a test runner's) would take the nodes' continuations
        // elsewhere, later, in an order of its own.
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            RunEvents(until);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    private void RunEvents(long until)
    {
        while (_queue.TryPeek(out var entry, out var key) && key.At <= until)
        {
            _queue.Dequeue();
            Now = key.At;
            EventsRun++;
            Trace?.Add(new TraceEntry(key.At, key.Sequence, entry.Node, entry.Handler.Label, entry.Token));
            entry.Handler.Fire(entry.Token);
            AfterEvent?.Invoke(entry.Node);
        }
        if (until > Now) Now = until;
    }

    private readonly record struct Entry(ISimEvent Handler, long Token, int Node);

    private readonly record struct EventKey(long At, long Sequence);

    private sealed class EventKeyComparer : IComparer<EventKey>
    {
        public static readonly EventKeyComparer Instance = new();

        public int Compare(EventKey x, EventKey y) =>
            x.At != y.At ? x.At.CompareTo(y.At) : x.Sequence.CompareTo(y.Sequence);
    }

    private sealed class OneOff(string label, Action action) : ISimEvent
    {
        public string Label => label;

        public void Fire(long token) => action();
    }
}

/// <summary>One event as it ran: when, its place in the total order, its node, what it was.</summary>
public readonly record struct TraceEntry(long At, long Sequence, int Node, string Label, long Token);
