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
        Assert.True(stats.Changes == 1, $"{stats.Changes} holder changes. {cluster.Describe()}");
        Assert.Equal(new[] { cluster.Id(0) }, stats.HoldersNow);
        Assert.True(Enumerable.Range(0, 3).All(i => cluster[i].Counters.Transitions == 1), cluster.Describe());
        _output.WriteLine($"Observed: with 4 s operations the first attach completed after {took.TotalMilliseconds:0} ms; "
            + $"{stats.Changes} holder change in 15 s; adverts sent by the master {cluster[0].Counters.AdvertisementsSent}");
    }
}
