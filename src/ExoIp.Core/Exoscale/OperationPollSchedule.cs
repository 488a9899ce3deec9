using System;

namespace ExoIp.Exoscale;

/// <summary>
/// How long to wait before the next poll of a pending operation: each wait 1.5 times the last, up to a cap.
/// Short first waits notice a quick operation fast; the growth keeps a slow one from costing many requests.
/// </summary>
internal static class OperationPollSchedule
{
    private const double Growth = 1.5;

    /// <summary>The wait after <paramref name="current"/>, at most <paramref name="max"/>.</summary>
    public static TimeSpan Next(TimeSpan current, TimeSpan max)
    {
        var next = current.Ticks * Growth;
        return next >= max.Ticks ? max : TimeSpan.FromTicks((long)next);
    }
}
