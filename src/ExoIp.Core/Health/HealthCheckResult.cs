namespace ExoIp.Health;

/// <summary>One run of a check: its outcome and, unless it passed, why.</summary>
/// <param name="Outcome">Passed, failed or timed out.</param>
/// <param name="Reason">What went wrong ("Connection refused", "HTTP 503 Service Unavailable"), or what passed ("HTTP 200 OK").</param>
public sealed record HealthCheckResult(HealthCheckOutcome Outcome, string? Reason)
{
    /// <summary>True when it passed.</summary>
    public bool Passed => Outcome == HealthCheckOutcome.Passed;

    /// <summary>A pass.</summary>
    public static HealthCheckResult Pass(string? detail = null) => new(HealthCheckOutcome.Passed, detail);

    /// <summary>A failure, and why.</summary>
    public static HealthCheckResult Fail(string reason) => new(HealthCheckOutcome.Failed, reason);
}
