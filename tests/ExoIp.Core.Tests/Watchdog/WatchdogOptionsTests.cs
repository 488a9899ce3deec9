using System;
using System.Linq;
using System.Net;
using ExoIp.Watchdog;

namespace ExoIp.Tests.Watchdog;

public class WatchdogOptionsTests
{
    private static readonly WatchdogOptions Valid = new()
    {
        ElasticIp = IPAddress.Parse("198.51.100.50"),
        InstanceId = Guid.NewGuid(),
        Peers = new[] { IPAddress.Parse("10.0.0.2") },
    };

    [Fact]
    public void Defaults_are_the_original_exoip_ones()
    {
        Assert.Empty(Valid.Validate());
        Assert.Equal(10, Valid.Priority);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 12345), Valid.Bind);
        Assert.Equal(3, Valid.DeadRatio);
        Assert.Equal(TimeSpan.FromSeconds(1), Valid.Interval);
        Assert.Equal(TimeSpan.FromMinutes(5), Valid.PeerRefreshInterval);
        Assert.Equal(TimeSpan.FromSeconds(30), Valid.ReconcileInterval); // not the original's 5 min: see the option
        Assert.Equal(TimeSpan.FromMilliseconds(100), Valid.Skew);
        Assert.Equal(TimeSpan.FromSeconds(13), Valid.EffectiveStopTimeout);
        Assert.Equal("198.51.100.50", Valid.EffectiveName);
        Assert.Equal("blue", (Valid with { Name = "blue" }).EffectiveName);
    }

    [Theory]
    [InlineData("ElasticIp")]
    [InlineData("InstanceId")]
    [InlineData("Interval")]
    [InlineData("DeadRatio")]
    [InlineData("Bind")]
    [InlineData("Peers/PeerGroup")]
    [InlineData("Peers")]
    [InlineData("PeerGroup")]
    [InlineData("Skew")]
    [InlineData("StopTimeout")]
    [InlineData("MaxRetryDelay")]
    [InlineData("EventCapacity")]
    public void Each_bad_option_is_named_in_its_error(string option)
    {
        var bad = option switch
        {
            "ElasticIp" => Valid with { ElasticIp = IPAddress.IPv6Loopback },
            "InstanceId" => Valid with { InstanceId = Guid.Empty },
            "Interval" => Valid with { Interval = TimeSpan.FromMilliseconds(49) },
            "DeadRatio" => Valid with { DeadRatio = 0 },
            "Bind" => Valid with { Bind = new IPEndPoint(IPAddress.Any, 0) },
            "Peers/PeerGroup" => Valid with { PeerGroup = "web" },
            "Peers" => Valid with { Peers = new[] { IPAddress.Parse("10.0.0.2"), IPAddress.Parse("10.0.0.2") } },
            "PeerGroup" => Valid with { Peers = null, PeerGroup = " " },
            "Skew" => Valid with { Skew = TimeSpan.FromMilliseconds(-1) },
            "StopTimeout" => Valid with { StopTimeout = TimeSpan.Zero },
            "MaxRetryDelay" => Valid with { MaxRetryDelay = TimeSpan.FromMilliseconds(10) },
            "EventCapacity" => Valid with { EventCapacity = 0 },
            _ => throw new ArgumentOutOfRangeException(nameof(option)),
        };
        var error = Assert.Single(bad.Validate());
        Assert.Equal(option, error.Option);
        Assert.StartsWith(option + ":", error.Message);
        var thrown = Assert.Throws<ArgumentException>(bad.ThrowIfInvalid);
        Assert.Contains(error.Message, thrown.Message);
    }

    [Fact]
    public void Missing_required_options_are_all_reported_at_once()
    {
        var errors = new WatchdogOptions().Validate();
        Assert.Equal(new[] { "ElasticIp", "InstanceId", "Peers/PeerGroup" }, errors.Select(e => e.Option));
        Assert.All(errors, e => Assert.Equal(WatchdogOptionErrorKind.Missing, e.Kind));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(-1, false)]
    [InlineData(50, true)]
    [InlineData(3_600_000, true)]
    [InlineData(3_600_001, false)]
    public void The_notify_timeout_is_positive_and_at_most_an_hour(int milliseconds, bool valid)
    {
        Assert.Equal(TimeSpan.FromSeconds(30), Valid.NotifyTimeout);
        var errors = (Valid with { NotifyTimeout = TimeSpan.FromMilliseconds(milliseconds) }).Validate();
        if (valid) Assert.Empty(errors);
        else Assert.Equal("NotifyTimeout", Assert.Single(errors).Option);
    }

    [Theory]
    [InlineData(49, false)]
    [InlineData(50, true)]
    [InlineData(3_600_000, true)]
    [InlineData(3_600_001, false)]
    public void The_interval_has_a_minimum_and_a_maximum_and_a_bad_one_is_invalid_not_missing(int milliseconds, bool valid)
    {
        var errors = (Valid with { Interval = TimeSpan.FromMilliseconds(milliseconds) }).Validate();
        if (valid)
        {
            Assert.Empty(errors);
            return;
        }
        var error = Assert.Single(errors);
        Assert.Equal(("Interval", WatchdogOptionErrorKind.Invalid, false), (error.Option, error.Kind, error.IsMissing));
    }

    [Fact]
    public void A_fractional_interval_and_a_peer_group_alone_are_fine()
    {
        Assert.Empty((Valid with { Interval = TimeSpan.FromMilliseconds(250), Peers = null, PeerGroup = "web" }).Validate());
    }
}
