using System.Linq;
using ExoIp.Execution;
using ExoIp.Holding;

namespace ExoIp.Policies;

/// <summary>What a master does: hold the Elastic IP, and make sure no other instance does.</summary>
internal static class MasterPolicy
{
    /// <summary>
    /// Attach to itself unless the API said it holds the Elastic IP; only once it does, detach the others, one
    /// at a time, the dead first, then the live and those that left the group (make-before-break). Even a dead
    /// holder waits for the attach: it serves nothing meanwhile, and detaching it beside an attach that then
    /// hangs or is refused would leave the Elastic IP on nobody. Peers the API said do not hold it are left alone.
    /// </summary>
    public static Decision Decide(HoldingState state, PolicyContext context)
    {
        if (state.SelfHolds != true) return Decision.One(state, new ApiCommand(ApiCommandKind.AttachSelf) { Routine = state.Routine });
        var members = context.Members;
        var now = context.Now;
        var target = members.Peers
            .Where(p => p.InstanceId.HasValue && p.HoldsElasticIp != false)
            .OrderBy(p => !members.IsDead(p, now))
            .FirstOrDefault()
            ?? members.Departed.FirstOrDefault();
        return target is null ? Decision.None(state) : Decision.One(state, new ApiCommand(ApiCommandKind.DetachPeer, target) { Routine = state.Routine });
    }
}
