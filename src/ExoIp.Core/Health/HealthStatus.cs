namespace ExoIp.Health;

/// <summary>What the health checks say of this node, after fall/rise counting.</summary>
public enum HealthStatus
{
    /// <summary>No round of checks has finished yet.</summary>
    Unknown = 0,

    /// <summary>Every check passes (or has not failed <c>fall</c> rounds in a row since it last became healthy).</summary>
    Healthy,

    /// <summary>A check failed <c>fall</c> rounds in a row, and fewer than <c>rise</c> rounds have passed since.</summary>
    Unhealthy,
}
