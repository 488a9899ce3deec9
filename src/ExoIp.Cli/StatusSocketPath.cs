using ExoIp.Configuration;

namespace ExoIp.Cli;

/// <summary>
/// Where a watchdog answers <c>exoip -S</c>: <c>-s</c>, else <c>IF_STATUS_SOCKET</c>, else
/// <c>/run/exoip/&lt;elastic ip&gt;.sock</c> (the units' <c>RuntimeDirectory=exoip</c>).
/// </summary>
internal static class StatusSocketPath
{
    public const string Directory = "/run/exoip";

    /// <summary>The path, and whether it was given (a given path must work; the default may be unavailable).</summary>
    public static (string Path, bool Given) Resolve(SettingSources sources, string elasticIp) =>
        sources.FindGiven("StatusSocket", new[] { EnvironmentVariables.StatusSocket }) is { } given
            ? (given.Value, true)
            : ($"{Directory}/{elasticIp}.sock", false);
}
