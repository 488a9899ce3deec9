using ExoIp.Election;
using ExoIp.Execution.Commands;
using ExoIp.Holding;
using ExoIp.Watchdog;

namespace ExoIp.Policies;

/// <summary>
/// What an unhealthy node does. It never attaches the Elastic IP. When a live healthy node beats it (it
/// advertises 255, so any healthy one does), it hands the Elastic IP over as a backup would, make-before-break:
/// the healthy node attaches first. When none does, a holder keeps it (a sick holder beats no holder: a check
/// failing everywhere at once, say a shared backend down, must not leave the address unrouted) and a
/// non-holder does not take it.
/// </summary>
internal static class FaultPolicy
{
    /// <summary>One pass of a node in the Fault role: its upkeep (<see cref="Upkeep"/>), then its rules; <see cref="Decision.Keeps"/> when it holds the Elastic IP with no one to hand it to.</summary>
    public static Decision Decide(HoldingState state, PolicyContext context)
    {
        // A node in Fault for a key mismatch or a clock skew makes no API call but its lookups: it cannot tell who is
        // alive, and the verified nodes take care of the Elastic IP. An unhealthy one (below) still hands over what it holds.
        if (!context.ElasticIpResolved || context.Verdict is { Reason: ElectionReason.KeyMismatch or ElectionReason.ClockSkew })
            return Upkeep.Lookups(state, context);
        var upkeep = Upkeep.Reconciled(state, NodeRole.Fault, context);
        state = upkeep.State;
        // Only to a healthy node: a peer at 255 that wins the tie-break among unhealthy nodes is no better a holder.
        if (context.Verdict is { Role: NodeRole.Backup, Master.Priority: < WatchdogEngine.StoppingPriority } && context.Master is not null)
            return upkeep.Then(BackupPolicy.LetGo(state, context));
        if (state.Belief == HoldingBelief.Unknown) return upkeep.Then(Decision.One(state, new CheckSelf { Routine = state.Routine }));
        return upkeep with { Keeps = state.Belief == HoldingBelief.Holding };
    }
}
