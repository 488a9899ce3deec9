using System;
using System.Linq;
using ExoIp.Simulation;

namespace ExoIp.Tests.Simulation;

/// <summary>
/// What the campaign found on the real core, replayed deterministically: each seed's parameters with the shrunk
/// schedule that failed before the fix. Each fails on the core the campaign first ran (see the commit that fixed it).
/// </summary>
public class RegressionSeedsTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromMinutes(10);

    private static string Violations(RunResult result) =>
        string.Join("; ", result.Report.Violations.Select(v => v.ToString()));

    [Theory]
    [InlineData(2)]  // nodes at 1 s and 2 s intervals: the faster declared the slower dead every 2 s and took the Elastic IP, for ever
    [InlineData(10)] // a better node starting beside the holder: the holder was told Backup while the address was still on it
    [InlineData(32)] // a master demoted while its attach was being checked: the PUT left under the dropped belief
    [InlineData(11)] // a node at twice the others' interval: an advert sent at once on a change made its cadence look short, and the others declared it dead
    public void With_no_fault_nothing_breaks_the_contract(long seed)
    {
        var result = SimulationRun.Run(seed, WatchdogNodes.Factory, Duration, schedule: Array.Empty<Fault>());

        Assert.True(result.Passed, Violations(result));
    }

    [Fact]
    public void A_master_whose_vm_was_paused_past_the_dead_time_learns_it_lost_the_elastic_ip_at_once()
    {
        // Seed 4: the master's VM paused 6.6 s (its monotonic clock did not move), the backup took over; resumed,
        // the old master announced Master without the address until a backup attached it for it, 13 s later.
        var pause = new Fault(FaultKind.VmPause, Fault.TriggeringNode, 0, TimeSpan.FromSeconds(0.118), TimeSpan.FromSeconds(6.642), 0,
            FaultAim.HolderChange, 1);

        var result = SimulationRun.Run(4, WatchdogNodes.Factory, Duration, schedule: new[] { pause });

        Assert.True(result.Passed, Violations(result));
    }

    [Fact]
    public void A_master_paused_while_a_backup_took_over_gets_the_elastic_ip_back_from_it_at_once()
    {
        // Seed 193: the master's VM paused 1.1 s; resumed, it found the address still on it, then the backup that had
        // declared it dead detached it (the detach was under way). The backup, hearing it again, handed over but
        // waited a hold-off before attaching it for the old master, which announced Master without the address.
        var pause = new Fault(FaultKind.VmPause, Fault.TriggeringNode, 0, TimeSpan.FromSeconds(0.059), TimeSpan.FromSeconds(1.124), 0,
            FaultAim.HolderChange, 1);

        var result = SimulationRun.Run(193, WatchdogNodes.Factory, Duration, schedule: new[] { pause });

        Assert.True(result.Passed, Violations(result));
    }

    [Fact]
    public void A_node_cut_off_from_its_peers_but_not_from_the_api_takes_the_elastic_ip_once_and_gives_it_back()
    {
        // Seed 172: node 1 (priority 50) heard none of its peers for 58 s; it took the address from the master, which
        // announced Master without it until the next reconciliation, and they took turns at each one.
        var isolate = new Fault(FaultKind.Isolate, 1, 0, TimeSpan.FromSeconds(15.249), TimeSpan.FromSeconds(58.279), 0);

        var result = SimulationRun.Run(172, WatchdogNodes.Factory, Duration, schedule: new[] { isolate });

        Assert.True(result.Passed, Violations(result));
    }
}
