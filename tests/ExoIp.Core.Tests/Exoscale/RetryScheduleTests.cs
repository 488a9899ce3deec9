using System;
using ExoIp.Exoscale;

namespace ExoIp.Tests.Exoscale;

public class RetryScheduleTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    [InlineData(4, 16)]
    [InlineData(5, 30)]
    [InlineData(60, 30)]
    public void Backoff_doubles_up_to_the_cap_with_jitter_in_its_upper_half(int retry, int nominalSeconds)
    {
        var nominal = TimeSpan.FromSeconds(nominalSeconds);
        Assert.Equal(TimeSpan.FromTicks(nominal.Ticks / 2), RetryBackoff.Delay(retry, Base, Max, 0.0));
        Assert.Equal(TimeSpan.FromTicks(nominal.Ticks * 3 / 4), RetryBackoff.Delay(retry, Base, Max, 0.5));
        var highest = RetryBackoff.Delay(retry, Base, Max, 0.999999);
        Assert.InRange(highest, TimeSpan.FromTicks(nominal.Ticks * 99 / 100), nominal);
    }

    [Fact]
    public void Operation_polls_start_fast_and_slow_down_to_the_cap()
    {
        var delay = TimeSpan.FromMilliseconds(100);
        var seen = new System.Collections.Generic.List<long>();
        for (var i = 0; i < 10; i++)
        {
            seen.Add((long)delay.TotalMilliseconds);
            delay = OperationPollSchedule.Next(delay, TimeSpan.FromSeconds(2));
        }
        Assert.Equal(new long[] { 100, 150, 225, 337, 506, 759, 1139, 1708, 2000, 2000 }, seen);
    }
}
