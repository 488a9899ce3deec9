using System;

namespace ExoIp.Health;

/// <summary>
/// Fall/rise counting, as keepalived's track_script does it: a healthy node turns unhealthy after
/// <c>fall</c> failed rounds in a row, an unhealthy one healthy after <c>rise</c> passed rounds in a row. The
/// first round decides at once (there is no earlier verdict to protect from a flap), so a node knows its
/// health within one timeout of starting, long before its start-up hold-off ends.
/// </summary>
public sealed class HealthTally
{
    private readonly int _fall;
    private readonly int _rise;

    /// <summary>Counts with these thresholds (each at least 1).</summary>
    public HealthTally(int fall, int rise)
    {
        if (fall < 1) throw new ArgumentOutOfRangeException(nameof(fall), fall, "must be at least 1.");
        if (rise < 1) throw new ArgumentOutOfRangeException(nameof(rise), rise, "must be at least 1.");
        _fall = fall;
        _rise = rise;
    }

    /// <summary>The verdict so far.</summary>
    public HealthStatus Status { get; private set; } = HealthStatus.Unknown;

    /// <summary>Rounds in a row that disagree with <see cref="Status"/> (a run towards a change); 0 when none.</summary>
    public int Streak { get; private set; }

    /// <summary>Counts one round; true when <see cref="Status"/> changed.</summary>
    public bool Record(bool passed)
    {
        var previous = Status;
        var agrees = Status == (passed ? HealthStatus.Healthy : HealthStatus.Unhealthy);
        if (agrees)
        {
            Streak = 0;
            return false;
        }
        Streak++;
        if (Status == HealthStatus.Unknown || Streak >= (passed ? _rise : _fall))
        {
            Status = passed ? HealthStatus.Healthy : HealthStatus.Unhealthy;
            Streak = 0;
        }
        return Status != previous;
    }
}
