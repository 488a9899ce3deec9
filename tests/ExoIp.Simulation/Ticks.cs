using System;
using System.Globalization;

namespace ExoIp.Simulation;

/// <summary>Virtual-time conversions and their text (seconds with milliseconds, as reports print them).</summary>
public static class Ticks
{
    /// <summary>Ticks of <paramref name="time"/>.</summary>
    public static long Of(TimeSpan time) => time.Ticks;

    /// <summary>"12.345s".</summary>
    public static string Text(long ticks) =>
        (ticks / (double)TimeSpan.TicksPerSecond).ToString("0.000", CultureInfo.InvariantCulture) + "s";
}
