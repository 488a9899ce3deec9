using System;
using System.Collections.Generic;

namespace ExoIp.Simulation;

/// <summary>
/// One incarnation of a node's process: the gate every node-scoped event passes. While it runs, events run;
/// while it is paused, they wait here (timers and answers in order, datagrams up to the socket buffer's size);
/// once it is gone, they are dropped. A restart is a new incarnation with a new clock.
/// </summary>
public sealed class SimProcess
{
    /// <summary>How many datagrams wait in a paused process's socket buffer before the rest are dropped.</summary>
    public const int SocketBufferDatagrams = 256;

    private readonly Scheduler _scheduler;
    private readonly List<(ISimEvent Handler, long Token, DeliveryKind Kind)> _held = new();
    private int _heldDatagrams;
    private long _pausedAt;
    private bool _monotonicFrozen;

    /// <summary>Creates a running process of node <paramref name="node"/>.</summary>
    public SimProcess(Scheduler scheduler, int node, DateTimeOffset epoch, long wallOffsetTicks)
    {
        _scheduler = scheduler;
        Node = node;
        Clock = new SimClock(scheduler, this, epoch, wallOffsetTicks);
    }

    /// <summary>The node's index in the world.</summary>
    public int Node { get; }

    /// <summary>The process's clock.</summary>
    public SimClock Clock { get; }

    /// <summary>Running, paused or gone.</summary>
    public ProcessState State { get; private set; } = ProcessState.Running;

    /// <summary>
    /// Called first by every node-scoped event: true when it may run now; otherwise it waits (paused) or is
    /// dropped (gone).
    /// </summary>
    public bool Admit(ISimEvent handler, long token, DeliveryKind kind)
    {
        switch (State)
        {
            case ProcessState.Running:
                return true;
            case ProcessState.Paused:
                if (kind == DeliveryKind.Datagram)
                {
                    if (_heldDatagrams >= SocketBufferDatagrams) return false;
                    _heldDatagrams++;
                }
                _held.Add((handler, token, kind));
                return false;
            default:
                return false;
        }
    }

    /// <summary>SIGSTOP; with <paramref name="freezeMonotonic"/>, a VM pause (its monotonic clock stops too).</summary>
    public void Pause(bool freezeMonotonic)
    {
        if (State != ProcessState.Running) return;
        State = ProcessState.Paused;
        _pausedAt = _scheduler.Now;
        _monotonicFrozen = freezeMonotonic;
        if (freezeMonotonic) Clock.Freeze();
    }

    /// <summary>SIGCONT: what waited runs now, in order (a VM pause's timers instead move on by the pause).</summary>
    public void Resume()
    {
        if (State != ProcessState.Paused) return;
        State = ProcessState.Running;
        if (_monotonicFrozen) Clock.Thaw(_scheduler.Now - _pausedAt);
        foreach (var (handler, token, _) in _held)
            _scheduler.Schedule(_scheduler.Now, handler, token, Node);
        _held.Clear();
        _heldDatagrams = 0;
    }

    /// <summary>SIGKILL or the end of a graceful stop: nothing reaches it again.</summary>
    public void End()
    {
        State = ProcessState.Gone;
        _held.Clear();
        _heldDatagrams = 0;
        Clock.DisposeTimers();
    }
}
