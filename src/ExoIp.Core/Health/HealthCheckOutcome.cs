namespace ExoIp.Health;

/// <summary>How one run of a check ended; each has its counter in <see cref="HealthCounters"/>.</summary>
public enum HealthCheckOutcome
{
    /// <summary>The service answered as a healthy one does.</summary>
    Passed = 0,

    /// <summary>It answered wrongly, refused, or the check threw.</summary>
    Failed,

    /// <summary>No answer within the timeout (or a previous run still going).</summary>
    TimedOut,
}
