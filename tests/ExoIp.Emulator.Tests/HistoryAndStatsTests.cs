using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;

namespace ExoIp.Emulator.Tests;

public class HistoryAndStatsTests
{
    [Fact]
    public async Task A_scripted_handover_shows_in_history_holders_and_stats()
    {
        await using var emulator = await TestSeed.StartAsync();
        using var client = new SignedApiClient(emulator);
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);

        await Expect200(client.AttachAsync(TestSeed.ElasticIpId, TestSeed.NodeA));
        await Expect200(client.AttachAsync(TestSeed.ElasticIpId, TestSeed.NodeB));
        await Expect200(client.DetachAsync(TestSeed.ElasticIpId, TestSeed.NodeA));

        var history = emulator.History(TestSeed.ElasticIp);
        Assert.Equal(new[] { ("attach", TestSeed.NodeA), ("attach", TestSeed.NodeB), ("detach", TestSeed.NodeA) },
            history.Select(c => (c.Action, c.InstanceId)));
        Assert.All(history, c => Assert.False(string.IsNullOrEmpty(c.OperationId)));
        Assert.All(history, c => Assert.Equal(TestSeed.ElasticIp, c.ElasticIp));
        Assert.True(history.Zip(history.Skip(1)).All(p => p.First.Time <= p.Second.Time));
        Assert.All(history, c => Assert.Equal(0, c.Time.Ticks % TimeSpan.TicksPerMillisecond));

        var stats = emulator.Stats(TestSeed.ElasticIpId, from: start);
        Assert.Equal(TimeSpan.Zero, stats.LongestWithoutHolder);
        Assert.True(stats.LongestWithSeveralHolders >= TimeSpan.Zero);
        Assert.Equal(3, stats.Changes);
        Assert.Equal(new[] { TestSeed.NodeB }, stats.HoldersNow);
        Assert.Equal(new[] { TestSeed.NodeB }, emulator.HoldersOf(TestSeed.ElasticIp));
    }

    [Fact]
    public async Task Removing_the_holder_is_recorded_as_a_detach_and_opens_a_gap()
    {
        var seed = TestSeed.Create();
        seed.Instances[0].ElasticIps = [TestSeed.ElasticIpId];
        await using var emulator = await TestSeed.StartAsync(seed);

        emulator.State.RemoveInstance(TestSeed.NodeA);

        Assert.Equal(new[] { ("attach", ""), ("detach", "") }, emulator.History(TestSeed.ElasticIpId).Select(c => (c.Action, c.OperationId)));
        Assert.Empty(emulator.HoldersOf(TestSeed.ElasticIpId));
        var later = emulator.History(TestSeed.ElasticIpId)[^1].Time.AddSeconds(5);
        Assert.Equal(TimeSpan.FromSeconds(5), emulator.Stats(TestSeed.ElasticIpId, to: later).LongestWithoutHolder);
    }

    [Fact]
    public async Task History_of_all_elastic_ips_and_unknown_ones()
    {
        await using var emulator = await TestSeed.StartAsync();
        using var client = new SignedApiClient(emulator);
        await Expect200(client.AttachAsync(TestSeed.ElasticIpId, TestSeed.NodeA));

        Assert.Single(emulator.History());
        Assert.Throws<System.Collections.Generic.KeyNotFoundException>(() => emulator.History("203.0.113.9"));
        Assert.Throws<System.Collections.Generic.KeyNotFoundException>(() => emulator.HoldersOf("no-such-eip"));
    }

    private static async Task Expect200(Task<System.Net.Http.HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
