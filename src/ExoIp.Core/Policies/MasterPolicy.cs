using System.Collections.Generic;
using System.Linq;
using ExoIp.Execution;
using ExoIp.Holding;

namespace ExoIp.Policies;

/// <summary>What a master does: hold the Elastic IP, and make sure no other instance does.</summary>
internal static class MasterPolicy
{
    /// <summary>
    /// Attach to itself unless the API said it holds the Elastic IP. A dead holder is detached at once, beside
    /// its own attach (an unplanned failover keeps two holders for at most one API operation); a live one, or
    /// one that left the group, only once it holds the Elastic IP itself (make-before-break). One peer at a time,
    /// the dead first; peers the API said do not hold it are left alone.
    /// </summary>
    public static Decision Decide(HoldingState state, PolicyContext context)
    {
        var commands = new List<ApiCommand>(2);
        var holds = state.SelfHolds == true;
        if (!holds) commands.Add(new ApiCommand(ApiCommandKind.AttachSelf) { Routine = state.Routine });
        var members = context.Members;
        var now = context.Now;
        var target = members.Peers
            .Where(p => p.InstanceId.HasValue && p.HoldsElasticIp != false && (holds || members.IsDead(p, now)))
            .OrderBy(p => !members.IsDead(p, now))
            .FirstOrDefault()
            ?? (holds ? members.Departed.FirstOrDefault() : null);
        if (target is not null) commands.Add(new ApiCommand(ApiCommandKind.DetachPeer, target) { Routine = state.Routine });
        return new Decision(state, commands);
    }
}
