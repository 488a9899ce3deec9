using System;
using ExoIp.Execution;
using ExoIp.Holding;
using ExoIp.Peers;
using ExoIp.Watchdog;

namespace ExoIp.Policies;

/// <summary>Make-before-break from the side that holds the Elastic IP and should not (see <see cref="Handover"/>).</summary>
internal static class HandoverPolicy
{
    /// <summary>Works towards <paramref name="successor"/> holding the Elastic IP, then lets go.</summary>
    public static Decision Decide(HoldingState state, Peer successor, PolicyContext context)
    {
        var now = context.Now;
        var options = context.Options;
        var handover = state.Handover;
        if (handover is null || !handover.Successor.Equals(successor.Address))
        {
            // Decide on a fresh answer about the successor, not on one from an older role.
            handover = new Handover(successor.Address, HandoverPhase.AwaitingSuccessor, null, 0, now,
                now + options.Timing.HoldOff + TimeSpan.FromTicks(options.ApiTimeout.Ticks / 3), false, null);
            state = state with { Handover = handover };
        }
        if (handover.Phase == HandoverPhase.AwaitingSuccessor)
        {
            if (handover.SuccessorHolds != true)
            {
                if (now >= handover.AttachForSuccessorAt && successor.InstanceId is not null)
                    return Decision.One(state, new ApiCommand(ApiCommandKind.AttachForSuccessor, successor));
                return now >= handover.NextWatchAt
                    ? Decision.One(state, new ApiCommand(ApiCommandKind.CheckPeer, successor))
                    : Decision.None(state);
            }
            handover = WatchAgain(handover with
            {
                Phase = HandoverPhase.AwaitingRelease,
                DetachSelfBy = handover.AttachedForSuccessor ? now : now + options.ApiTimeout,
            }, state, now, options);
            state = state with { Handover = handover };
        }
        if (now >= handover.DetachSelfBy) return Decision.One(state, new ApiCommand(ApiCommandKind.DetachSelf));
        return now >= handover.NextWatchAt ? Decision.One(state, new ApiCommand(ApiCommandKind.CheckSelf)) : Decision.None(state);
    }

    /// <summary>
    /// An answer during the handover: the successor holds the Elastic IP or not, this node still holds it or not.
    /// A "not yet" (the successor without it, this node still with it) backs the watch off.
    /// </summary>
    public static HoldingState OnAnswer(HoldingState state, ApiCallResult result, DateTimeOffset now, WatchdogOptions options)
    {
        if (state.Handover is not { } handover) return state;
        var kind = result.Command.Kind;
        if (kind == ApiCommandKind.CheckSelf)
            return result.HoldsAfter ? state with { Handover = WatchAgain(handover, state, now, options) } : state;
        if (result.Command.Target is not { } peer || !peer.Address.Equals(handover.Successor)) return state;
        if (kind == ApiCommandKind.AttachForSuccessor)
            return state with { Handover = handover with { SuccessorHolds = true, AttachedForSuccessor = true } };
        if (kind != ApiCommandKind.CheckPeer) return state;
        handover = handover with { SuccessorHolds = result.HoldsAfter };
        return state with { Handover = result.HoldsAfter ? handover : WatchAgain(handover, state, now, options) };
    }

    // Look every interval at first, then back off to the retry ceiling: bounded API use if the other side
    // takes long or never manages. A stopping node keeps looking every interval until its deadline.
    private static Handover WatchAgain(Handover handover, HoldingState state, DateTimeOffset now, WatchdogOptions options)
    {
        var polls = handover.Polls + 1;
        var delay = state.Stop is null ? ApiSlot.Backoff(options.Interval, options.MaxRetryDelay, polls - 1) : options.Interval;
        return handover with { Polls = polls, NextWatchAt = now + delay };
    }
}
