using System.Linq;
using ExoIp.Health;

namespace ExoIp.Tests.Health;

public class HealthTallyTests
{
    // Rounds as a string: + passed, - failed; the expected verdict after each: U unknown, H healthy, X unhealthy.
    [Theory]
    [InlineData(3, 2, "+", "H")]
    [InlineData(3, 2, "-", "X")]
    [InlineData(3, 2, "+--+---", "HHHHHHX")]
    [InlineData(3, 2, "+---", "HHHX")]
    [InlineData(3, 2, "-+-++", "XXXXH")]
    [InlineData(3, 2, "+---++", "HHHXXH")]
    [InlineData(3, 2, "+---+-++", "HHHXXXXH")]
    [InlineData(1, 1, "+-+-", "HXHX")]
    [InlineData(2, 3, "-+++--", "XXXHHX")]
    public void Turns_after_fall_failures_or_rise_passes_in_a_row(int fall, int rise, string rounds, string verdicts)
    {
        var tally = new HealthTally(fall, rise);
        Assert.Equal(HealthStatus.Unknown, tally.Status);
        var seen = string.Concat(rounds.Select(r =>
        {
            tally.Record(r == '+');
            return tally.Status switch { HealthStatus.Healthy => 'H', HealthStatus.Unhealthy => 'X', _ => 'U' };
        }));
        Assert.Equal(verdicts, seen);
    }

    [Fact]
    public void Record_says_when_the_verdict_changed_and_the_streak_towards_a_change()
    {
        var tally = new HealthTally(fall: 3, rise: 2);
        Assert.True(tally.Record(true));
        Assert.False(tally.Record(false));
        Assert.Equal(1, tally.Streak);
        Assert.False(tally.Record(false));
        Assert.Equal(2, tally.Streak);
        Assert.True(tally.Record(false));
        Assert.Equal(0, tally.Streak);
        Assert.False(tally.Record(false));
        Assert.False(tally.Record(true));
        Assert.Equal(1, tally.Streak);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    public void Thresholds_below_one_are_rejected(int fall, int rise)
    {
        Assert.Throws<System.ArgumentOutOfRangeException>(() => new HealthTally(fall, rise));
    }
}
