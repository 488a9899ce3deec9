using System;
using System.Globalization;

namespace ExoIp.Exoscale;

/// <summary>Reads an HTTP Retry-After header (RFC 9110): a number of seconds or an HTTP date.</summary>
internal static class RetryAfterHeader
{
    /// <summary>The wait the header asks for, or null when it is absent or unreadable. A date in the past means no wait.</summary>
    public static TimeSpan? Parse(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var text = value!.Trim();
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return TimeSpan.FromSeconds(Math.Min(seconds, (long)TimeSpan.MaxValue.TotalSeconds));
        // "r" is the IMF-fixdate form RFC 9110 requires senders to use.
        if (DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
            return date > now ? date - now : TimeSpan.Zero;
        return null;
    }
}
