using System;

namespace ExoIp.Emulator.Hosting;

/// <summary>The emulator's clock reading: UTC to the millisecond, the precision history and records keep.</summary>
internal static class Timestamps
{
    public static DateTimeOffset Now(TimeProvider time)
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }
}
