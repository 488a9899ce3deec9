using System;
using ExoIp.Execution;
using ExoIp.Execution.Commands;
using ExoIp.Holding;
using ExoIp.Watchdog;

namespace ExoIp.Policies;

/// <summary>What a successful answer about this node teaches the holding state.</summary>
internal static class AnswerPolicy
{
    /// <summary>An attach, detach or check of this node sets the belief; any answer may move a handover on.</summary>
    public static HoldingState Apply(HoldingState state, ApiCallResult result, DateTimeOffset now)
    {
        if (result.Command.Slot == ApiSlotKind.Self) state = state.Learnt(result.HoldsAfter, now);
        if (result.Changed) state = state with { ActionTime = result.Duration };
        if (result.Command is AttachSelf && result.Changed) state = state with { TakenIn = result.Duration };
        return HandoverPolicy.OnAnswer(state, result);
    }

    /// <summary>
    /// Whether an answer is news. A routine reconciliation that finds nothing to repair is not: an attach or
    /// detach with nothing to do, a backup's check that it does not hold the Elastic IP. Everything else is
    /// (changes, failures, repairs, the checks of a handover).
    /// </summary>
    public static bool IsNews(ApiCallResult result) =>
        !result.Command.Routine || !result.Succeeded || result.Changed
        || (result.Command.Action == ApiActionKind.Check && result.HoldsAfter);
}
