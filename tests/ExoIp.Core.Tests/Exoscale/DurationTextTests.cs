using System;
using ExoIp.Exoscale;

namespace ExoIp.Tests.Exoscale;

public class DurationTextTests
{
    [Theory]
    [InlineData(300, "300 ms")]
    [InlineData(999, "999 ms")]
    [InlineData(1000, "1 s")]
    [InlineData(1500, "1.5 s")]
    [InlineData(120000, "120 s")]
    public void Shows_short_waits_in_ms_and_long_ones_in_seconds(int milliseconds, string expected) =>
        Assert.Equal(expected, DurationText.Of(TimeSpan.FromMilliseconds(milliseconds)));
}
