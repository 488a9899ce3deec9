using System;
using System.Globalization;

namespace ExoIp.Exoscale;

/// <summary>Durations as messages show them: "300 ms", "1.5 s", "120 s".</summary>
internal static class DurationText
{
    public static string Of(TimeSpan duration) =>
        duration < TimeSpan.FromSeconds(1)
            ? ((long)duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + " ms"
            : duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
