using System;

namespace ExoIp.Health;

/// <summary>The health checks' state at one moment.</summary>
/// <param name="Status">The verdict after fall/rise counting.</param>
/// <param name="LastFailureReason">Why the last failed round failed; null when none has.</param>
/// <param name="LastFailureAt">When it ended.</param>
/// <param name="LastRoundAt">When the last round ended; null before the first.</param>
public sealed record HealthSnapshot(HealthStatus Status, string? LastFailureReason, DateTimeOffset? LastFailureAt, DateTimeOffset? LastRoundAt)
{
    /// <summary>Before any round.</summary>
    public static readonly HealthSnapshot Initial = new(HealthStatus.Unknown, null, null, null);
}
