using System;
using ExoIp.Election;
using ExoIp.Peers;
using ExoIp.Watchdog;

namespace ExoIp.Policies;

/// <summary>Everything a policy decides from, besides the holding state: the verdict, the peers, the time, the options.</summary>
/// <param name="Verdict">The election's verdict of this pass.</param>
/// <param name="Members">The peers as the loop knows them.</param>
/// <param name="ElasticIpResolved">The Elastic IP's id is known (nothing can be attached or detached before).</param>
/// <param name="Now">The loop's time.</param>
/// <param name="Options">The watchdog's options (timeouts, intervals).</param>
/// <param name="SelfCallInFlight">A call about this node (an attach, a detach, a check) is under way: what it holds may change with its answer.</param>
/// <param name="SelfAttachInFlight">
/// This node's attach is under way, and may hang until the API timeout: no check of this node runs beside it (one call
/// about it at a time), so a listing of the holders is its look at itself meanwhile.
/// </param>
/// <param name="Releasing">This node's own detach is under way: whatever the API last said, it is about to hold nothing.</param>
/// <param name="MembershipUnconfirmed">
/// This node became master over a live master, and its group or pool has not listed it since: it may have been
/// removed without knowing (its own listing comes at its refresh), so it takes nothing before a listing says.
/// </param>
/// <param name="RefreshDue">The peers' listing (or the static peers' lookup) is due.</param>
/// <param name="SplitWatchDue">The split watch of a master or a backup wants the holders listed (<see cref="SplitWatch"/>).</param>
/// <param name="Unheard">This node hears none of its peers, or they may not list it yet (it came back into its group or pool lately).</param>
/// <param name="HoldersListed">A listing of the holders asked for since the beliefs were last dropped (a role change, a stall) answered.</param>
internal readonly record struct PolicyContext(ElectionVerdict Verdict, MembershipView Members, bool ElasticIpResolved, DateTimeOffset Now, WatchdogOptions Options,
    bool SelfCallInFlight = false, bool Releasing = false, bool MembershipUnconfirmed = false, bool RefreshDue = false, bool SplitWatchDue = false,
    bool Unheard = false, bool HoldersListed = false, bool SelfAttachInFlight = false)
{
    /// <summary>For a backup: the peer the election made master.</summary>
    public Peer? Master => Verdict.Role == NodeRole.Backup ? Members.Find(Verdict.MasterAddress) : null;
}
