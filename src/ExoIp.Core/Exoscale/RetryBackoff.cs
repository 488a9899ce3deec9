using System;

namespace ExoIp.Exoscale;

/// <summary>
/// Exponential backoff with "equal jitter": retry n waits between half and all of base × 2ⁿ, capped at the
/// maximum. The random half spreads clients that failed together; the fixed half keeps a floor under the wait.
/// </summary>
internal static class RetryBackoff
{
    /// <summary>The wait before retry <paramref name="retry"/> (0 for the first).</summary>
    /// <param name="retry">Zero-based retry number.</param>
    /// <param name="baseDelay">The first retry's nominal wait.</param>
    /// <param name="maxDelay">The cap.</param>
    /// <param name="jitter">A random number in [0, 1).</param>
    public static TimeSpan Delay(int retry, TimeSpan baseDelay, TimeSpan maxDelay, double jitter)
    {
        // Past 2^30 the cap has long been reached; clamping the exponent avoids overflow.
        var nominal = Math.Min(baseDelay.Ticks * Math.Pow(2, Math.Min(Math.Max(retry, 0), 30)), maxDelay.Ticks);
        return TimeSpan.FromTicks((long)(nominal / 2 * (1 + jitter)));
    }
}
