using System;

namespace ExoIp.Notify;

/// <summary>The run of one notify hook for one role change.</summary>
/// <param name="Change">The role change.</param>
/// <param name="Hook">The hook's <see cref="INotifyHook.Description"/>.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="ExitCode">A command's exit code, when it exited by itself.</param>
/// <param name="Duration">How long it ran (zero when skipped).</param>
/// <param name="Detail">Its last output line, or what went wrong.</param>
public sealed record NotifyResult(RoleChange Change, string Hook, NotifyOutcome Outcome, int? ExitCode, TimeSpan Duration, string? Detail)
{
    /// <summary>One sentence, e.g. <c>notify Master: '/usr/local/bin/hook' exited 0 in 12 ms</c>.</summary>
    public string Describe()
    {
        var what = Outcome switch
        {
            NotifyOutcome.Succeeded or NotifyOutcome.Failed when ExitCode is { } code => $"exited {code} in {Milliseconds} ms",
            NotifyOutcome.Succeeded => $"succeeded in {Milliseconds} ms",
            NotifyOutcome.Failed => $"failed in {Milliseconds} ms",
            NotifyOutcome.TimedOut => $"timed out after {Milliseconds} ms",
            _ => "skipped",
        };
        return $"notify {Change.Role}: '{Hook}' {what}" + (Detail is null || Outcome == NotifyOutcome.Succeeded ? "" : $": {Detail}");
    }

    private long Milliseconds => (long)Duration.TotalMilliseconds;
}
