namespace ExoIp.Simulation;

/// <summary>
/// Something the scheduler runs at an instant. Timers and other reusable sources implement it once and pass a
/// token with each scheduling, so a re-armed or disposed source recognises (and ignores) its stale firings
/// without a new object per event.
/// </summary>
public interface ISimEvent
{
    /// <summary>A short label for the event trace, e.g. "timer" or "deliver".</summary>
    string Label { get; }

    /// <summary>Runs the event; <paramref name="token"/> is what was passed when it was scheduled.</summary>
    void Fire(long token);
}
