using System;
using System.Linq;
using System.Threading.Tasks;
using ExoIp.Watchdog;
using Xunit.Abstractions;

namespace ExoIp.Tests.Watchdog;

/// <summary>
/// The original's worst trap on the real stack: 4 s API operations. In its own class so it runs beside the
/// other cluster tests rather than after them.
/// </summary>
public class SlowApiClusterTests
{
    private readonly ITestOutputHelper _output;

    public SlowApiClusterTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public async Task Four_second_api_operations_cause_no_false_failover()
    {
        await using var cluster = await LiveCluster.StartAsync(10, 20, 30);
        cluster.Emulator.OperationDelay = TimeSpan.FromSeconds(4);
        cluster.StartAll();
        var took = await cluster.EventuallyAsync(() => cluster.Holders.SequenceEqual(new[] { cluster.Id(0) }), "node 0 holds");
        await Task.Delay(TimeSpan.FromSeconds(15) - took);

        var stats = cluster.Stats();
        Assert.Equal(1, stats.Changes);
        Assert.Equal(new[] { cluster.Id(0) }, stats.HoldersNow);
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal(1, cluster[i].Counters.Transitions));
        _output.WriteLine($"Observed: with 4 s operations the first attach completed after {took.TotalMilliseconds:0} ms; "
            + $"{stats.Changes} holder change in 15 s; adverts sent by the master {cluster[0].Counters.AdvertisementsSent}");
    }
}
