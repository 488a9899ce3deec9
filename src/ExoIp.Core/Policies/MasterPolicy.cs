using System;
using System.Linq;
using ExoIp.Election;
using ExoIp.Execution.Commands;
using ExoIp.Holding;
using ExoIp.Peers;
using ExoIp.Watchdog;

namespace ExoIp.Policies;

/// <summary>What a master does: hold the Elastic IP, and make sure no other instance does.</summary>
internal static class MasterPolicy
{
    /// <summary>
    /// One pass of a master: its upkeep (<see cref="Upkeep"/>); the holders listed first when it cannot tell who is alive,
    /// else the split watch's listing when due; then its rules (<see cref="Hold"/>).
    /// </summary>
    public static Decision Decide(HoldingState state, PolicyContext context)
    {
        if (!context.ElasticIpResolved) return Upkeep.Lookups(state, context);
        var upkeep = Upkeep.Reconciled(state, NodeRole.Master, context);
        // One that hears no peer, or whose peers may not list it yet, acts only on a listing of holders asked for as
        // master: it must not take the Elastic IP from a running instance it cannot hear (a mistyped peer list, a
        // peer that does not send to it yet).
        if (context.Unheard && !context.HoldersListed) return upkeep.ListHolders(ListingPurpose.Check);
        if (context.SplitWatchDue) upkeep = upkeep.ListHolders(ListingPurpose.SplitWatch);
        return upkeep.Then(Hold(upkeep.State, context));
    }

    /// <summary>
    /// Attach to itself unless the API said it holds the Elastic IP (having taken over from a live master in a group or
    /// pool, once a listing says it is still a member); only once it does, make sure nobody else
    /// does, one peer at a time: a dead peer or one out of the group is detached (the detach checks first); a live
    /// peer is only looked at, and detached only if it still holds the Elastic IP a release wait after this node
    /// got it, since a live backup lets go by itself the moment it sees this node holding (two detaches would
    /// race). A silent peer the API showed without the address and then with it took it beside this node: a master
    /// beyond a split, detaching this node, which it believes dead. It counts alive (vouched for), and is left an API
    /// timeout to finish: this node, the better one, takes the address back once found without it; the worse, it
    /// defers. Even a dead holder waits for the attach: it serves nothing meanwhile, and detaching it beside an
    /// attach that then hangs or is refused would leave the Elastic IP on nobody. Peers the API said do not hold
    /// it are left alone.
    /// </summary>
    private static Decision Hold(HoldingState state, PolicyContext context)
    {
        // Master again while its own detach (a backup's release) is under way: it holds the address only until that
        // lands, and a holder it detached meanwhile would leave the address on nobody. It attaches once the detach answers.
        if (context.Releasing) return Decision.None(state);
        if (state.SelfHolds != true)
            return Decision.One(state, context.MembershipUnconfirmed ? new RefreshPeers { Routine = state.Routine } : new AttachSelf { Routine = state.Routine });
        var members = context.Members;
        var now = context.Now;
        var released = ReleasedAt(state, context.Options) is not { } releasedAt || now >= releasedAt;
        foreach (var peer in members.Peers.Where(p => p.InstanceId.HasValue && p.HoldsElasticIp != false).OrderBy(p => !members.IsDead(p, now)))
        {
            var dead = members.IsDead(peer, now);
            // A dead peer the API showed without the address since it fell silent is looked at, not detached: holding it
            // now, it took it while silent (a master beyond a split), so it runs and counts alive at its priority.
            if (dead && peer.Standing.Silence == SilentStanding.SeenWithout)
                return Decision.One(state, new CheckPeer(peer) { Routine = state.Routine });
            // Another holder is taken away only while the API has just said this node holds the address: that peer may
            // have taken it from this node meanwhile (each believing the other dead, in a split), and two detaches
            // would leave it on nobody.
            if (dead || (peer.HoldsElasticIp == true && released && !(TakingUntil(peer, context.Options) > now)))
                return state.ConfirmedAt is { } confirmed && now - confirmed < context.Options.Interval
                    ? Decision.One(state, new DetachPeer(peer) { Routine = state.Routine })
                    : Decision.One(state, new CheckSelf { Routine = state.Routine });
            if (peer.HoldsElasticIp is null) return Decision.One(state, new CheckPeer(peer) { Routine = state.Routine });
        }
        return members.Departed.FirstOrDefault() is { } departed
            ? Decision.One(state, new DetachPeer(departed) { Routine = state.Routine })
            : Decision.None(state);
    }

    /// <summary>
    /// Until when a peer that took the Elastic IP while silent, beside this node, is left to finish its detach of this
    /// node (an API call ends within an API timeout); null when it did not, or this node has been found without it since.
    /// </summary>
    public static DateTimeOffset? TakingUntil(Peer peer, WatchdogOptions options) => peer.Standing.TookAt + options.ApiTimeout;

    /// <summary>When a live backup still holding the Elastic IP is detached by this node; null while this node does not hold it.</summary>
    public static DateTimeOffset? ReleasedAt(HoldingState state, WatchdogOptions options) => state.HeldSince + ReleaseWait(state, options);

    /// <summary>
    /// How long a live backup gets to let go by itself once this node holds the Elastic IP: it looks every interval,
    /// and its detach takes about as long as this node's attach that took the address did (the same API, now), so an
    /// interval and that attach's time. When this node did not attach it (it found the address held: a restart, a
    /// stall), a hold-off, or an interval and its last change's time when the API is slower than that, at most an API
    /// timeout: a backup that was detaching this node when it came back needs its detach's time to hand the address
    /// back. One that has not let go by then may never (an API it cannot reach, a split): detaching it is safe, this
    /// node holding the address, and keeps the two holders within the contract's 2A + ε.
    /// </summary>
    public static TimeSpan ReleaseWait(HoldingState state, WatchdogOptions options)
    {
        if (state.TakenIn is { } taken) return options.Interval + taken;
        var wait = state.ActionTime is { } pace ? Durations.Max(options.Timing.HoldOff, options.Interval + pace) : options.Timing.HoldOff;
        return Durations.Min(wait, options.ApiTimeout);
    }
}
