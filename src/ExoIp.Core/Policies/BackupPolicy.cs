using ExoIp.Election;
using ExoIp.Execution.Commands;
using ExoIp.Holding;

namespace ExoIp.Policies;

/// <summary>What a backup does: find out whether it holds the Elastic IP, and if it does, hand it over to the master.</summary>
internal static class BackupPolicy
{
    /// <summary>One pass of a backup: its upkeep (<see cref="Upkeep"/>), the split watch's listing when due, then <see cref="LetGo"/>.</summary>
    public static Decision Decide(HoldingState state, PolicyContext context)
    {
        if (!context.ElasticIpResolved) return Upkeep.Lookups(state, context);
        var upkeep = Upkeep.Reconciled(state, NodeRole.Backup, context);
        if (context.SplitWatchDue) upkeep = upkeep.ListHolders(ListingPurpose.SplitWatch);
        return upkeep.Then(LetGo(upkeep.State, context));
    }

    /// <summary>
    /// Holding it as a backup means a better node took over (or is about to). It lets go only once the API shows
    /// the master holding it, so there is never a moment without a holder, and a forged "better" advert cannot
    /// make it release with no one taking over. If the master never manages, this node keeps it.
    /// </summary>
    public static Decision LetGo(HoldingState state, PolicyContext context) => state.Belief switch
    {
        HoldingBelief.Unknown when context.SelfLookBlocked(state) => Decision.None(state).ListHolders(ListingPurpose.Check),
        HoldingBelief.Unknown => Decision.One(state, new CheckSelf { Routine = state.Routine }),
        HoldingBelief.NotHolding => Decision.None(state),
        _ => HandoverPolicy.Decide(state, context.Master!, context),
    };
}
