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
    /// <summary>Decides for a node in the Fault role; <paramref name="keeps"/> is true when it holds the Elastic IP with no one to hand it to.</summary>
    public static Decision Decide(HoldingState state, PolicyContext context, out bool keeps)
    {
        keeps = false;
        // Only to a healthy node: a peer at 255 that wins the tie-break among unhealthy nodes is no better a holder.
        if (context.Verdict is { Role: NodeRole.Backup, Master.Priority: < WatchdogEngine.StoppingPriority } && context.Master is not null)
            return BackupPolicy.Decide(state, context);
        if (state.Belief == HoldingBelief.Unknown) return Decision.One(state, new CheckSelf { Routine = state.Routine });
        keeps = state.Belief == HoldingBelief.Holding;
        return Decision.None(state);
    }
}
