using System;
using ExoIp.Election;
using ExoIp.Execution.Commands;
using ExoIp.Holding;
using ExoIp.Watchdog;

namespace ExoIp.Policies;

/// <summary>
/// A graceful stop that releases: hand the Elastic IP over make-before-break to the best live peer (it
/// advertises 255 meanwhile, so any peer beats it), bounded by the stop timeout; with nobody to hand over to,
/// let go at once.
/// </summary>
internal static class StopPolicy
{
    /// <summary>The stop begins: half the stop timeout to wait for a successor, the rest for this node's own detach.</summary>
    public static HoldingState Begin(HoldingState state, DateTimeOffset now, WatchdogOptions options)
    {
        var timeout = options.EffectiveStopTimeout;
        return state with { Stop = new StopDeadlines(now + TimeSpan.FromTicks(timeout.Ticks / 2), now + timeout) };
    }

    /// <summary>One step of the stop; <see cref="Decision.Finished"/> once it is over.</summary>
    public static Decision Decide(HoldingState state, NodeRole role, PolicyContext context)
    {
        var stop = state.Stop!;
        var now = context.Now;
        if (now >= stop.HardDeadline)
        {
            return Decision.Finish(state, state.SelfHolds == false
                ? "stopped at the stop timeout"
                : $"stop timed out after {context.Options.EffectiveStopTimeout.TotalSeconds:0.###} s; the Elastic IP may still be attached here");
        }
        if (!context.ElasticIpResolved)
            return Decision.Finish(state, "stopped; the Elastic IP was never resolved, so nothing was attached by this watchdog");
        if (state.SelfHolds == false)
        {
            // A change of this node under way may still land (an attach: the belief came from a look before it; a detach whose
            // answer is late: a restarted process of this instance may hold the address by then): its answer decides.
            return context.SelfCall is AttachSelf or DetachSelf ? Decision.None(state) : Decision.Finish(state, "stopped; this node does not hold the Elastic IP");
        }
        var checkSelf = new CheckSelf();
        if (role == NodeRole.Starting && now < stop.HandoverDeadline)
        {
            // Stopped during the hold-off: a restarted master may still hold the Elastic IP. Find out; if it does,
            // hand it over once a live peer is heard, or let go when the hold-off ends with none.
            return state.SelfHolds is null ? Decision.One(state, checkSelf) : Decision.None(state);
        }
        // Only to a node that may be master: one that also advertises 255 (unhealthy, or stopping too) would never
        // attach it, and waiting for it only delays the release.
        var successor = context.Master is { Priority: < WatchdogEngine.StoppingPriority } master ? master : null;
        if (successor is null || now >= stop.HandoverDeadline)
        {
            // Nobody to hand over to, or waited long enough: let go now (the detach checks first).
            return Decision.One(state, new DetachSelf());
        }
        return state.SelfHolds is null ? Decision.One(state, checkSelf) : HandoverPolicy.Decide(state, successor, context);
    }

    /// <summary>The next instant the stop must act by itself.</summary>
    public static DateTimeOffset? NextDeadline(HoldingState state, DateTimeOffset now) =>
        state.Stop is { } stop ? (now < stop.HandoverDeadline ? stop.HandoverDeadline : stop.HardDeadline) : null;
}
