namespace ExoIp.Notify;

/// <summary>What one run of a hook reports, before the runner adds its timing.</summary>
/// <param name="Succeeded">It ran to the end without error (a command: exit code 0).</param>
/// <param name="ExitCode">A command's exit code; null for other hooks or when it did not exit by itself.</param>
/// <param name="Detail">Its last output line, or what went wrong.</param>
public sealed record NotifyHookResult(bool Succeeded, int? ExitCode, string? Detail);
