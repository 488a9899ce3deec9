using System;
using ExoIp.Election;
using ExoIp.Holding;
using ExoIp.Watchdog;

namespace ExoIp.Policies;

/// <summary>
/// When the node stops trusting what the API last said and checks again: the first verdict (the start-up
/// reconciliation), becoming master (it checks everyone), a peer coming back to a master (it may have acted
/// while they could not hear each other), and every reconcile interval. Checking again means forgetting: the
/// role's policy then issues the calls that find out (an attach or detach checks first).
/// </summary>
internal static class ReconcilePolicy
{
    /// <summary>What a role change forgets; <c>ForgetPeers</c>: the peers' holdings too.</summary>
    public static (HoldingState State, bool ForgetPeers) OnRoleChange(HoldingState state, NodeRole from, NodeRole to, DateTimeOffset now, WatchdogOptions options)
    {
        // A master becoming backup keeps what it knows: it holds the Elastic IP, and lets go once the new master has it.
        if (from == NodeRole.Starting) state = state with { NextReconcileAt = now + options.ReconcileInterval };
        state = state with { Handover = null, Routine = false };
        if (from == NodeRole.Starting || to == NodeRole.Master) state = state.Unknown();
        return (state, to == NodeRole.Master);
    }

    /// <summary>A peer came up: a master checks itself (and that peer) again.</summary>
    public static (HoldingState State, bool ForgetPeer) OnPeerUp(HoldingState state, NodeRole role) =>
        role == NodeRole.Master ? (state.Unknown(), true) : (state, false);

    /// <summary>The routine reconciliation, when due; <c>ForgetPeers</c>: a master checks the peers too.</summary>
    public static (HoldingState State, bool ForgetPeers, bool Due) OnTime(HoldingState state, NodeRole role, DateTimeOffset now, WatchdogOptions options)
    {
        if (now < state.NextReconcileAt) return (state, false, false);
        return (state with { NextReconcileAt = now + options.ReconcileInterval, SelfHolds = null, Routine = true }, role == NodeRole.Master, true);
    }
}
