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
    private static readonly TimeSpan Observed = TimeSpan.FromSeconds(12);
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
        // Watch a fixed window after the first attach, however long the set-up took (15 s from the start, as
        // before, could be negative on a loaded machine).
        await Task.Delay(Observed);

        var stats = cluster.Stats();
        Assert.True(stats.Changes == 1, $"{stats.Changes} holder changes. {cluster.Describe()}");
        Assert.Equal(new[] { cluster.Id(0) }, stats.HoldersNow);
        Assert.True(Enumerable.Range(0, 3).All(i => cluster[i].Counters.Transitions == 1), cluster.Describe());
        _output.WriteLine($"Observed: with 4 s operations the first attach completed after {took.TotalMilliseconds:0} ms; "
            + $"{stats.Changes} holder change in the {Observed.TotalSeconds:0} s after it; adverts sent by the master {cluster[0].Counters.AdvertisementsSent}");
    }
}
