using System;
using System.Collections.Generic;
using ExoIp.Execution;
using ExoIp.Holding;

namespace ExoIp.Policies;

/// <summary>What a policy decided: the new holding state and the API commands to issue (and, for a stop, whether it is over).</summary>
/// <param name="State">The new state.</param>
/// <param name="Commands">The calls wanted now; the executor drops those whose slot is busy.</param>
/// <param name="Finished">For a stop: its outcome, as a sentence, once it is over.</param>
internal sealed record Decision(HoldingState State, IReadOnlyList<ApiCommand> Commands, string? Finished = null)
{
    /// <summary>No call, the state unchanged.</summary>
    public static Decision None(HoldingState state) => new(state, Array.Empty<ApiCommand>());

    /// <summary>One call.</summary>
    public static Decision One(HoldingState state, ApiCommand command) => new(state, new[] { command });

    /// <summary>The stop is over.</summary>
    public static Decision Finish(HoldingState state, string outcome) => new(state, Array.Empty<ApiCommand>(), outcome);
}
