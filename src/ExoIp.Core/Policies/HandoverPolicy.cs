using System;
using System.Linq;
using ExoIp.Execution;
using ExoIp.Execution.Commands;
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
            handover = new Handover(successor.Address, null, 0, now, now + options.Timing.HoldOff, false, !options.PeersListed, now);
            state = state with { Handover = handover };
        }
        // Its attach of its time as master, or its detach as a stopping node, still unanswered (a lost answer waits for the
        // API timeout), no detach can start beside it: it goes on watching whether it still holds the address.
        var blind = context.SelfLookBlocked(state);
        if (handover.Releasing && !blind) return Decision.One(state, new DetachSelf());
        // A successor this node took the Elastic IP from while it came back believes it still holds it: it gets it back
        // at once. Any other is given a hold-off to attach it itself.
        if (!handover.Releasing && (now >= handover.AttachForSuccessorAt || successor.Standing.Revoked) && successor.InstanceId is not null && handover.SuccessorListed)
            return Decision.One(state, new AttachForSuccessor(successor));
        // A group's or pool's successor may have been removed without knowing it: until a listing asked for since the
        // handover began names it (DecisionPass marks it), this node asks for one, and neither lets go nor attaches for it.
        var listing = handover.SuccessorListed ? Array.Empty<ApiCommand>() : new ApiCommand[] { new RefreshPeers() };
        if (now < handover.NextWatchAt) return new Decision(state, listing);
        // Both at once (two slots): whether the successor holds it yet, and whether it already let this node go; the latter
        // from a listing of the holders while such a change of this node has not answered.
        state = state with { Handover = WatchAgain(handover, state, now, options) };
        if (blind) return new Decision(state, listing.Append(new CheckPeer(successor)).ToArray()).ListHolders(ListingPurpose.Check);
        return new Decision(state, listing.Concat(new ApiCommand[] { new CheckPeer(successor), new CheckSelf() }).ToArray());
    }

    /// <summary>An answer during the handover: the successor holds the Elastic IP or not, or this node attached it for the successor.</summary>
    public static HoldingState OnAnswer(HoldingState state, ApiCallResult result)
    {
        if (state.Handover is not { } handover) return state;
        if (result.Command.Target is not { } peer || !peer.Address.Equals(handover.Successor)) return state;
        if (result.Command is AttachForSuccessor) return state with { Handover = handover with { SuccessorHolds = true, AttachedForSuccessor = true } };
        if (result.Command is not CheckPeer) return state;
        return state with { Handover = handover with { SuccessorHolds = result.HoldsAfter } };
    }

    // The next look: every interval until this node would attach for the successor (a handover takes an API action or two),
    // then back off to the retry ceiling: bounded API use if the other side never manages. A stopping node keeps
    // looking every interval until its deadline.
    private static Handover WatchAgain(Handover handover, HoldingState state, DateTimeOffset now, WatchdogOptions options)
    {
        var polls = handover.Polls + 1;
        var delay = state.Stop is not null || now < handover.AttachForSuccessorAt
            ? options.Interval
            : ApiSlot.Backoff(options.Interval, options.MaxRetryDelay, polls - 1);
        return handover with { Polls = polls, NextWatchAt = now + delay };
    }
}
