using System;

namespace ExoIp.Notify;

/// <summary>The run of a notify hook for one role change.</summary>
/// <param name="Change">The role change.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="ExitCode">A command's exit code, when it exited by itself.</param>
/// <param name="Duration">How long it ran (zero when skipped).</param>
/// <param name="Detail">Its last output line, or what went wrong.</param>
public sealed record NotifyResult(RoleChange Change, NotifyOutcome Outcome, int? ExitCode, TimeSpan Duration, string? Detail);
