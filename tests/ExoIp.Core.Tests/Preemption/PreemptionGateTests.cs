using System;
using ExoIp.Preemption;

namespace ExoIp.Tests.Preemption;

public class PreemptionGateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    // One pass per row: seconds since T0, healthy, holding off, holds, a live eligible holder elsewhere → expected.
    public static TheoryData<string, double, bool, (double At, bool Healthy, bool HoldingOff, bool Holds, bool Elsewhere, Eligibility Expected)[]> Cases => new()
    {
        { "default preemption: eligible at once", 0, false, new[] { (0.0, true, true, false, true, Eligibility.Eligible), (1.0, true, false, false, true, Eligibility.Eligible) } },
        { "unhealthy is ineligible, even holding", 5, false, new[] { (0.0, false, false, true, false, Eligibility.Ineligible), (1.0, false, false, false, false, Eligibility.Ineligible) } },
        {
            "a preempt delay runs from the end of the hold-off", 5, false, new[]
            {
                (0.0, true, true, false, true, Eligibility.Deferring),
                (3.0, true, false, false, true, Eligibility.Deferring),
                (7.9, true, false, false, true, Eligibility.Deferring),
                (8.0, true, false, false, true, Eligibility.Eligible),
            }
        },
        {
            "a health failure restarts the delay", 5, false, new[]
            {
                (0.0, true, false, false, true, Eligibility.Deferring),
                (4.0, false, false, false, true, Eligibility.Ineligible),
                (6.0, true, false, false, true, Eligibility.Deferring),
                (10.0, true, false, false, true, Eligibility.Deferring),
                (11.0, true, false, false, true, Eligibility.Eligible),
            }
        },
        {
            "no holder elsewhere: a failover takes no delay", 5, false, new[]
            {
                (0.0, true, false, false, true, Eligibility.Deferring),
                (1.0, true, false, false, false, Eligibility.Eligible),
            }
        },
        {
            "a holder never defers", 5, true, new[]
            {
                (0.0, true, false, true, true, Eligibility.Eligible),
            }
        },
        {
            "no-preempt defers for good while an eligible holder lives", 0, true, new[]
            {
                (0.0, true, false, false, true, Eligibility.Deferring),
                (3600.0, true, false, false, true, Eligibility.Deferring),
                (3601.0, true, false, false, false, Eligibility.Eligible),
                (3602.0, true, false, true, true, Eligibility.Eligible),
            }
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decides_each_pass(string name, double delaySeconds, bool noPreempt, (double At, bool Healthy, bool HoldingOff, bool Holds, bool Elsewhere, Eligibility Expected)[] passes)
    {
        var gate = new PreemptionGate(TimeSpan.FromSeconds(delaySeconds), noPreempt);
        foreach (var pass in passes)
        {
            var seen = gate.Evaluate(T0.AddSeconds(pass.At), pass.Healthy, pass.HoldingOff, pass.Holds, pass.Elsewhere);
            Assert.True(pass.Expected == seen, $"{name}: at {pass.At} s expected {pass.Expected}, was {seen}");
        }
    }

    [Fact]
    public void Says_when_the_delay_ends()
    {
        var gate = new PreemptionGate(TimeSpan.FromSeconds(5), noPreempt: false);
        Assert.Null(gate.DelayEndsAt);
        gate.Evaluate(T0, healthy: true, holdingOff: false, selfHolds: false, eligibleHolderElsewhere: true);
        Assert.Equal(T0.AddSeconds(5), gate.DelayEndsAt);
        Assert.Null(new PreemptionGate(TimeSpan.FromSeconds(5), noPreempt: true).DelayEndsAt);
    }

    [Theory]
    [InlineData(10, Eligibility.Eligible, 10)]
    [InlineData(10, Eligibility.Deferring, 254)]
    [InlineData(10, Eligibility.Ineligible, 255)]
    [InlineData(255, Eligibility.Deferring, 255)]
    [InlineData(254, Eligibility.Eligible, 254)]
    public void Advertises_the_priority_that_says_it(byte configured, Eligibility eligibility, byte advertised)
    {
        Assert.Equal(advertised, AdvertisedPriority.For(configured, eligibility));
    }

    [Theory]
    [InlineData(0, Eligibility.Eligible)]
    [InlineData(253, Eligibility.Eligible)]
    [InlineData(254, Eligibility.Deferring)]
    [InlineData(255, Eligibility.Ineligible)]
    public void Reads_a_peer_s_priority(byte advertised, Eligibility eligibility)
    {
        Assert.Equal(eligibility, AdvertisedPriority.Of(advertised));
    }

    [Fact]
    public void A_negative_delay_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PreemptionGate(TimeSpan.FromSeconds(-1), false));
    }
}
