using System;
using ExoIp.Watchdog;

namespace ExoIp.Status;

/// <summary>An API action in a <see cref="StatusReport"/>: what, how it ended, how long ago, and its error.</summary>
/// <param name="Action">Attach, detach, or check (the holder lookup).</param>
/// <param name="Outcome">Done, no-op, or failed.</param>
/// <param name="Age">How long before the report it ended.</param>
/// <param name="Error">Why it failed; null when it did not.</param>
public sealed record ApiActionStatus(ApiActionKind? Action, ApiActionOutcome? Outcome, TimeSpan Age, string? Error)
{
    /// <summary>The status of <paramref name="action"/> at <paramref name="now"/>; null for no action.</summary>
    internal static ApiActionStatus? Of(WatchdogEvent? action, DateTimeOffset now) =>
        action is null ? null : new ApiActionStatus(action.Action, action.Outcome, now - action.Timestamp, action.Error);
}
