using ExoIp.Election;
using ExoIp.Holding;

namespace ExoIp.Policies;

/// <summary>
/// What a running node does in every role before the role's own rules (a stopping node does none of it): it looks up
/// the Elastic IP's id until it is known and lists its peers when their refresh is due; once the id is known, it
/// reconciles with the API when that is due.
/// </summary>
internal static class Upkeep
{
    /// <summary>The lookups alone: what a node does while nothing else can be done (the Elastic IP not known, the hold-off).</summary>
    public static Decision Lookups(HoldingState state, PolicyContext context) =>
        Decision.None(state) with { ResolveElasticIp = !context.ElasticIpResolved, RefreshPeers = context.RefreshDue };

    /// <summary>
    /// The lookups and, when due, the routine reconciliation: its <see cref="Decision.State"/> is what the role's rules
    /// start from. A master checks everyone again: the peers' holdings are forgotten and the holders listed (an instance
    /// that is no peer would otherwise keep part of the traffic for ever). Its rules read no peer's holding meanwhile:
    /// its own is forgotten too, and checked first.
    /// </summary>
    public static Decision Reconciled(HoldingState state, NodeRole role, PolicyContext context)
    {
        var (reconciled, forgetPeers, due) = ReconcilePolicy.OnTime(state, role, context.Now, context.Options);
        var upkeep = Lookups(reconciled, context) with { Reconciling = due, ForgetPeerHoldings = forgetPeers };
        return forgetPeers ? upkeep.ListHolders(ListingPurpose.Check) : upkeep;
    }
}
