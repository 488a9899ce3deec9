using System;
using System.Collections.Generic;
using ExoIp.Simulation;

namespace ExoIp.Tests.Simulation;

public class DeterminismTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromMinutes(3);

    [Fact]
    public void A_seed_run_twice_gives_the_identical_event_trace()
    {
        var first = new List<TraceEntry>();
        var second = new List<TraceEntry>();
        var a = SimulationRun.Run(7, () => new NaiveNode(), Duration, trace: first);
        var b = SimulationRun.Run(7, () => new NaiveNode(), Duration, trace: second);

        Assert.True(first.Count > 10_000, $"only {first.Count} events");
        Assert.Equal(first, second);
        Assert.Equal(a.Record.Holders, b.Record.Holders);
        Assert.Equal(a.Schedule, b.Schedule);
        Assert.Equal(a.Report.Violations, b.Report.Violations);
    }

    [Fact]
    public void Another_seed_gives_another_trace()
    {
        var first = new List<TraceEntry>();
        var second = new List<TraceEntry>();
        SimulationRun.Run(7, () => new NaiveNode(), Duration, trace: first);
        SimulationRun.Run(8, () => new NaiveNode(), Duration, trace: second);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void A_draw_added_to_one_stream_leaves_the_others_unchanged()
    {
        var plain = new RandomStreams(42);
        var busy = new RandomStreams(42);
        for (var i = 0; i < 1000; i++) busy.Network.NextDouble();

        Assert.Equal(plain.Api.NextDouble(), busy.Api.NextDouble());
        Assert.Equal(RandomStreams.NextGuid(plain.Ids), RandomStreams.NextGuid(busy.Ids));
        Assert.Equal(plain.Nemesis.Next(), busy.Nemesis.Next());
        Assert.NotEqual(plain.Network.NextDouble(), busy.Network.NextDouble());
    }

    [Fact]
    public void Instance_ids_come_from_the_seed()
    {
        var a = SimulationRun.Run(11, () => new NaiveNode(), TimeSpan.FromSeconds(10));
        var b = SimulationRun.Run(11, () => new NaiveNode(), TimeSpan.FromSeconds(10));
        var c = SimulationRun.Run(12, () => new NaiveNode(), TimeSpan.FromSeconds(10));

        Assert.Equal(a.Record.InstanceIds, b.Record.InstanceIds);
        Assert.NotEqual(a.Record.InstanceIds[0], c.Record.InstanceIds[0]);
    }
}
