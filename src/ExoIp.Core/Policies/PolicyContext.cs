using System;
using ExoIp.Election;
using ExoIp.Execution;
using ExoIp.Execution.Commands;
using ExoIp.Holding;
using ExoIp.Peers;
using ExoIp.Watchdog;

namespace ExoIp.Policies;

/// <summary>Everything a policy decides from, besides the holding state: the verdict, the peers, the time, the options.</summary>
/// <param name="Verdict">The election's verdict of this pass.</param>
/// <param name="Members">The peers as the loop knows them.</param>
/// <param name="ElasticIpResolved">The Elastic IP's id is known (nothing can be attached or detached before).</param>
/// <param name="Now">The loop's time.</param>
/// <param name="Options">The watchdog's options (timeouts, intervals).</param>
/// <param name="SelfCall">
/// The call about this node under way (an attach, a detach, a check), if any: what it holds may change with its answer.
/// One such call runs at a time, and a change may hang until the API timeout: meanwhile a listing of the holders is the
/// node's look at itself.
/// </param>
/// <param name="MembershipUnconfirmed">
/// This node became master over a live master, and its group or pool has not listed it since: it may have been
/// removed without knowing (its own listing comes at its refresh), so it takes nothing before a listing says.
/// </param>
/// <param name="RefreshDue">The peers' listing (or the static peers' lookup) is due.</param>
/// <param name="SplitWatchDue">The split watch of a master or a backup wants the holders listed (<see cref="SplitWatch"/>).</param>
/// <param name="Unheard">This node hears none of its peers, or they may not list it yet (it came back into its group or pool lately).</param>
/// <param name="HoldersListed">A listing of the holders asked for since the beliefs were last dropped (a role change, a stall) answered.</param>
internal readonly record struct PolicyContext(ElectionVerdict Verdict, MembershipView Members, bool ElasticIpResolved, DateTimeOffset Now, WatchdogOptions Options,
    ApiCommand? SelfCall = null, bool MembershipUnconfirmed = false, bool RefreshDue = false, bool SplitWatchDue = false,
    bool Unheard = false, bool HoldersListed = false)
{
    /// <summary>This node's own detach is under way: whatever the API last said, it is about to hold nothing.</summary>
    public bool Releasing => SelfCall is DetachSelf;

    /// <summary>
    /// A change of this node whose answer a look at itself cannot wait for has not answered, and no check of it can run
    /// beside it: its attach (of its time as master), or a stopping node's own detach (a stopping node announces nothing
    /// before Stopped, so its hooks' last word is Master until the stop ends).
    /// </summary>
    public bool SelfLookBlocked(HoldingState state) => BlocksSelfLook(SelfCall, state);

    /// <summary>Whether <paramref name="selfCall"/>, the call about this node under way, blocks its look at itself (<see cref="SelfLookBlocked"/>).</summary>
    public static bool BlocksSelfLook(ApiCommand? selfCall, HoldingState state) => selfCall is AttachSelf || (state.Stop is not null && selfCall is DetachSelf);

    /// <summary>For a backup: the peer the election made master.</summary>
    public Peer? Master => Verdict.Role == NodeRole.Backup ? Members.Find(Verdict.MasterAddress) : null;
}
