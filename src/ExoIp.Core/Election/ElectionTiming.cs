using System;

namespace ExoIp.Election;

/// <summary>The clock rules of the protocol: when a peer is dead and how long the start-up hold-off lasts.</summary>
/// <param name="Interval">The advertisement interval.</param>
/// <param name="DeadRatio">How many intervals of silence a peer is allowed.</param>
/// <param name="Skew">Added to the hold-off so a restarting node hears a full dead period of adverts.</param>
public sealed record ElectionTiming(TimeSpan Interval, int DeadRatio, TimeSpan Skew)
{
    /// <summary>interval × dead ratio: a peer silent for MORE than this is dead.</summary>
    public TimeSpan DeadAfter => TimeSpan.FromTicks(Interval.Ticks * DeadRatio);

    /// <summary>interval × dead ratio + skew: no verdict before this has passed since start.</summary>
    public TimeSpan HoldOff => DeadAfter + Skew;

    /// <summary>True while a node started at <paramref name="startedAt"/> is still in its hold-off.</summary>
    public bool IsHoldingOff(DateTimeOffset startedAt, DateTimeOffset now) => now - startedAt < HoldOff;
}
