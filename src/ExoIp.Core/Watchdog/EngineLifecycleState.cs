using System;
using System.Threading;

namespace ExoIp.Watchdog;

/// <summary>
/// The one place a <see cref="WatchdogEngine"/>'s <see cref="EngineLifecycle"/> moves, each move a compare-and-swap:
/// the caller, the loop, the receiver and the sender read it from their own threads.
/// </summary>
/// <remarks>
/// NotStarted → Running (the run) or EndedWithoutRunning (a stop or a kill first); Running → Killing (a kill) or
/// Finished (the core finished); Killing → Killed (the core finished); Finished → Killed (a kill before the end told
/// the Stopped hook). Killed and EndedWithoutRunning are final.
/// </remarks>
internal sealed class EngineLifecycleState
{
    private int _state; // an EngineLifecycle, an int for Interlocked

    public EngineLifecycle Current => (EngineLifecycle)Volatile.Read(ref _state);

    /// <summary>A kill came while it ran: no more input is acted on, and no hook is told.</summary>
    public bool IsKilled => Current is EngineLifecycle.Killing or EngineLifecycle.Killed;

    /// <summary>The core finished: the loop ends, and the run's end may be under way.</summary>
    public bool LoopEnded => Current is EngineLifecycle.Finished or EngineLifecycle.Killed;

    /// <summary>Killed or finished: the socket may close under the receiver and the sender, and their failures are no news.</summary>
    public bool Ended => Current is EngineLifecycle.Killing or EngineLifecycle.Finished or EngineLifecycle.Killed;

    /// <summary>NotStarted → Running; returns the state it was in (NotStarted when the run may go on).</summary>
    public EngineLifecycle Start() => Move(EngineLifecycle.NotStarted, EngineLifecycle.Running);

    /// <summary>NotStarted → EndedWithoutRunning; true when this call ended it.</summary>
    public bool EndBeforeStart() => Move(EngineLifecycle.NotStarted, EngineLifecycle.EndedWithoutRunning) == EngineLifecycle.NotStarted;

    /// <summary>A kill, from whatever state it finds; returns that state (NotStarted when this call ended it without running).</summary>
    public EngineLifecycle Kill() => MoveFrom(from => from switch
    {
        EngineLifecycle.NotStarted => EngineLifecycle.EndedWithoutRunning,
        EngineLifecycle.Running => EngineLifecycle.Killing,
        EngineLifecycle.Finished => EngineLifecycle.Killed,
        _ => from,
    });

    /// <summary>The core finished, on the loop: Running → Finished, Killing → Killed.</summary>
    public void Finish() => MoveFrom(from => from switch
    {
        EngineLifecycle.Running => EngineLifecycle.Finished,
        EngineLifecycle.Killing => EngineLifecycle.Killed,
        _ => from,
    });

    private EngineLifecycle Move(EngineLifecycle from, EngineLifecycle to) =>
        (EngineLifecycle)Interlocked.CompareExchange(ref _state, (int)to, (int)from);

    // Retried while another thread moved it between the read and the swap (a kill beside the loop's finish).
    private EngineLifecycle MoveFrom(Func<EngineLifecycle, EngineLifecycle> next)
    {
        while (true)
        {
            var from = Current;
            var to = next(from);
            if (to == from || Move(from, to) == from) return from;
        }
    }
}
