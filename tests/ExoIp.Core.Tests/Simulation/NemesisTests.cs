using System;
using System.Collections.Generic;
using System.Linq;
using ExoIp.Election;
using ExoIp.Simulation;

namespace ExoIp.Tests.Simulation;

public class NemesisTests
{
    [Fact]
    public void Schedules_cover_every_fault_kind_and_every_aim_across_seeds()
    {
        var kinds = new HashSet<FaultKind>();
        var aims = new HashSet<FaultAim>();
        var everyNode = 0;
        for (var seed = 1; seed <= 100; seed++)
        {
            var random = new RandomStreams(seed);
            var parameters = RunParameters.Draw(random.Parameters, TimeSpan.FromMinutes(10), null);
            foreach (var fault in Nemesis.Draw(random.Nemesis, parameters))
            {
                kinds.Add(fault.Kind);
                aims.Add(fault.Aim);
                if (fault.Target == Fault.EveryNode) everyNode++;
                Assert.True(fault.Aim != FaultAim.Instant || fault.Permanent || fault.Start + fault.Duration <= parameters.Duration * 3 / 4,
                    $"seed {seed}: {fault} reaches into the quiet tail");
            }
        }

        Assert.Equal(Enum.GetValues<FaultKind>(), kinds.OrderBy(k => k));
        Assert.Equal(Enum.GetValues<FaultAim>(), aims.OrderBy(a => a));
        Assert.True(everyNode > 0);
    }

    [Fact]
    public void An_aimed_fault_lands_within_2A_of_its_window_on_the_node_that_opened_it()
    {
        var offset = TimeSpan.FromMilliseconds(50);
        var pause = new Fault(FaultKind.Pause, Fault.TriggeringNode, 0, offset, TimeSpan.FromSeconds(5), 0, FaultAim.BecameMaster, 1);

        var result = SimulationRun.Run(3, () => new NaiveNode(), TimeSpan.FromMinutes(1), schedule: [pause]);

        var master = result.Record.Observations.First(o => o.Observation.Role == NodeRole.Master);
        var applied = Assert.Single(result.Record.Faults);
        Assert.Equal(master.Node, applied.Target);
        Assert.Equal(master.At + offset.Ticks, applied.Start);
        Assert.True(offset <= 2 * result.Parameters.Action);
        Assert.Equal(applied.Start + TimeSpan.FromSeconds(5).Ticks, applied.End);
        Assert.Contains(result.Record.Running, r => r.Node == master.Node && !r.Value && r.At == applied.Start);
    }

    [Fact]
    public void A_fault_prints_as_a_line_of_data()
    {
        var fault = new Fault(FaultKind.OneWayPartition, 2, 0, TimeSpan.FromSeconds(12.5), TimeSpan.FromSeconds(40), 0);
        var aimed = new Fault(FaultKind.LateApply, Fault.TriggeringNode, 0, TimeSpan.FromMilliseconds(120), TimeSpan.FromSeconds(10), 3, FaultAim.ApiAnswer, 4);

        Assert.Equal("OneWayPartition of node 2 and node 0 at 12.500s for 40.000s", fault.ToString());
        Assert.Equal("LateApply of the triggering node 0.120s after ApiAnswer #4 for 10.000s (3)", aimed.ToString());
    }
}
