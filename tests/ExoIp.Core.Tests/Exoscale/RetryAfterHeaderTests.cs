using System;
using ExoIp.Exoscale;

namespace ExoIp.Tests.Exoscale;

public class RetryAfterHeaderTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0", 0)]
    [InlineData("1", 1)]
    [InlineData(" 120 ", 120)]
    public void Reads_seconds(string value, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryAfterHeader.Parse(value, Now));

    [Fact]
    public void Reads_an_HTTP_date_as_the_time_left_until_it() =>
        Assert.Equal(TimeSpan.FromSeconds(90), RetryAfterHeader.Parse("Sat, 01 Mar 2025 12:01:30 GMT", Now));

    [Fact]
    public void A_date_in_the_past_means_no_wait() =>
        Assert.Equal(TimeSpan.Zero, RetryAfterHeader.Parse("Sat, 01 Mar 2025 11:59:00 GMT", Now));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("2025-03-01T12:01:30Z")]
    public void Ignores_what_is_neither(string? value) => Assert.Null(RetryAfterHeader.Parse(value, Now));

    [Fact]
    public void An_absurd_number_of_seconds_does_not_overflow() =>
        Assert.True(RetryAfterHeader.Parse("99999999999999999", Now) > TimeSpan.FromDays(365));
}
