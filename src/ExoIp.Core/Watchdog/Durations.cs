using System;

namespace ExoIp.Watchdog;

/// <summary>The shorter and the longer of two durations (<see cref="Math"/> has no overloads for <see cref="TimeSpan"/>).</summary>
internal static class Durations
{
    public static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    public static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
