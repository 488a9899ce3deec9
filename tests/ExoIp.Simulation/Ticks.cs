using System;
using System.Globalization;

namespace ExoIp.Simulation;

/// <summary>Virtual time (ticks) as reports print it: seconds with milliseconds.</summary>
public static class Ticks
{
    /// <summary>"12.345s".</summary>
    public static string Text(long ticks) =>
        (ticks / (double)TimeSpan.TicksPerSecond).ToString("0.000", CultureInfo.InvariantCulture) + "s";
}
