using System;

namespace ExoIp.Processes;

/// <summary>The end of one run of an <see cref="ExternalCommand"/>.</summary>
/// <param name="End">How it ended.</param>
/// <param name="ExitCode">Its exit code, when it exited by itself.</param>
/// <param name="Duration">From start to end (or to the failure to start).</param>
/// <param name="LastOutput">The last non-blank line it wrote, shortened: to stderr when it failed (else stdout), to stdout when it succeeded (else stderr); null if none.</param>
/// <param name="Error">Why it could not start.</param>
public sealed record ProcessResult(ProcessEnd End, int? ExitCode, TimeSpan Duration, string? LastOutput, string? Error)
{
    /// <summary>It exited with code 0.</summary>
    public bool Succeeded => End == ProcessEnd.Exited && ExitCode == 0;

    /// <summary>A short sentence: "exit code 1: backend down", "killed", "cannot start: ...".</summary>
    public string Describe() => End switch
    {
        ProcessEnd.Exited => $"exit code {ExitCode}" + (LastOutput is null ? "" : $": {LastOutput}"),
        ProcessEnd.Killed => "killed at its timeout" + (LastOutput is null ? "" : $" (last output: {LastOutput})"),
        _ => $"cannot start: {Error}",
    };
}
