using System;
using System.Linq;
using ExoIp.Health;

namespace ExoIp.Tests.Health;

public class HealthCheckOptionsTests
{
    [Fact]
    public void Defaults_are_one_second_fall_three_rise_two_and_valid()
    {
        var options = new HealthCheckOptions();
        Assert.Empty(options.Validate());
        Assert.Equal(TimeSpan.FromSeconds(1), options.HealthCheckInterval);
        Assert.Equal(TimeSpan.FromSeconds(1), options.EffectiveTimeout);
        Assert.Equal(3, options.HealthCheckFall);
        Assert.Equal(2, options.HealthCheckRise);
        Assert.False(options.HealthCheckSkipCertificateCheck);
    }

    [Theory]
    [InlineData(0.2, 0.2)]
    [InlineData(5, 1)]
    public void The_default_timeout_is_the_smaller_of_one_second_and_the_interval(double interval, double timeout)
    {
        Assert.Equal(TimeSpan.FromSeconds(timeout), new HealthCheckOptions { HealthCheckInterval = TimeSpan.FromSeconds(interval) }.EffectiveTimeout);
    }

    [Theory]
    [InlineData(0.01, null, 3, 2, "HealthCheckInterval", "below the minimum of 50 ms")]
    [InlineData(1, 1.5, 3, 2, "HealthCheckTimeout", "longer than the interval")]
    [InlineData(1, 0.0, 3, 2, "HealthCheckTimeout", "must be positive")]
    [InlineData(1, null, 0, 2, "HealthCheckFall", "0 is out of range 1–1000")]
    [InlineData(1, null, 3, 1001, "HealthCheckRise", "1001 is out of range 1–1000")]
    public void Each_invalid_option_is_named(double interval, double? timeout, int fall, int rise, string option, string message)
    {
        var options = new HealthCheckOptions
        {
            HealthCheckInterval = TimeSpan.FromSeconds(interval),
            HealthCheckTimeout = timeout is { } t ? TimeSpan.FromSeconds(t) : null,
            HealthCheckFall = fall,
            HealthCheckRise = rise,
        };
        var error = Assert.Single(options.Validate());
        Assert.Equal(option, error.Option);
        Assert.StartsWith(option + ": ", error.Message);
        Assert.Contains(message, error.Message);
        Assert.Contains(message, Assert.Throws<ArgumentException>(options.ThrowIfInvalid).Message);
    }

    [Fact]
    public void A_timeout_equal_to_the_interval_is_allowed()
    {
        var options = new HealthCheckOptions { HealthCheckInterval = TimeSpan.FromSeconds(0.2), HealthCheckTimeout = TimeSpan.FromSeconds(0.2) };
        Assert.Empty(options.Validate());
    }
}
