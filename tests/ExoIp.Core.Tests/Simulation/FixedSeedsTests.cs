using System;
using System.IO;
using ExoIp.Simulation;
using Xunit.Abstractions;

namespace ExoIp.Tests.Simulation;

/// <summary>CI's fixed campaign: 200 seeds × 10 simulated minutes must end with zero violations.</summary>
public class FixedSeedsTests(ITestOutputHelper output)
{
    [Fact(Skip = "the campaign still finds violations on the real core (README, Guarantees): issue 18 is open")]
    public void Two_hundred_seeds_of_ten_minutes_end_with_zero_violations()
    {
        var text = new StringWriter();
        var campaign = new Campaign(WatchdogNodes.Factory, TimeSpan.FromMinutes(10), null, text);

        var totals = campaign.Run(CampaignArguments.Parse(["--seeds", "200"]).SeedList());
        output.WriteLine(text.ToString());

        Assert.Equal(200, totals.Seeds);
        Assert.True(totals.Faults > 200, $"only {totals.Faults} faults");
        Assert.Equal(0, totals.Violations);
    }
}
