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

    [Theory]
    // A node raised its priority and took the address; the old holder, paused, could not let go, and the new master waited a
    // hold-off (3.1 s) before detaching it: two holders past 2A + ε (1.36 s). Its shrunk schedule now meets another class
    // (a holder paused right after a handover), so the seed runs whole.
    [InlineData(153)]
    // Two nodes cut off from each other and from the third for good took the address from each other every few tenths of a
    // second: each counted the other, vouched for by the API, at the priority it last heard, one of them 255 (it had been
    // unhealthy before the split), so both believed they won.
    [InlineData(945)]
    // Node 1, restarted with another key and then cut off, heard none of its peers and took the address from the master
    // it could not hear, twice.
    [InlineData(815)]
    // Node 2, cut off from its peers for good and out of its pool for 34 s, took the address about once a second: the master
    // had listed it out and detached it as no peer at every look; it did not know it was out (its next listing was 5 min
    // away), and once back in, the master did not list it again either. 264 attaches.
    [InlineData(9133)]
    public void With_its_own_schedule_the_seed_keeps_the_contract(long seed)
    {
        var result = SimulationRun.Run(seed, WatchdogNodes.Factory, Duration);

        Assert.True(result.Passed, Violations(result));
    }

    /// <summary>Each seed with the one fault its schedule shrank to, and what went wrong before the fix.</summary>
    public static TheoryData<long, Fault, string> SeedsWithTheirFault => new()
    {
        {
            4, new Fault(FaultKind.VmPause, Fault.TriggeringNode, 0, TimeSpan.FromSeconds(0.118), TimeSpan.FromSeconds(6.642), 0, FaultAim.HolderChange, 1),
            "the master's VM paused 6.6 s (its monotonic clock did not move), the backup took over; resumed, the old master "
            + "announced Master without the address until a backup attached it for it, 13 s later"
        },
        {
            193, new Fault(FaultKind.VmPause, Fault.TriggeringNode, 0, TimeSpan.FromSeconds(0.059), TimeSpan.FromSeconds(1.124), 0, FaultAim.HolderChange, 1),
            "the master's VM paused 1.1 s; resumed, it found the address still on it, then the backup that had declared it dead "
            + "detached it (the detach was under way) and, hearing it again, waited a hold-off before attaching it for it"
        },
        {
            172, new Fault(FaultKind.Isolate, 1, 0, TimeSpan.FromSeconds(15.249), TimeSpan.FromSeconds(58.279), 0),
            "node 1 (priority 50) heard none of its peers for 58 s but reached the API: it took the address from the master, "
            + "which announced Master without it until its next reconciliation, and they took turns at each one"
        },
        {
            70, new Fault(FaultKind.Pause, 2, 0, TimeSpan.FromSeconds(24.830), TimeSpan.FromSeconds(20.303), 0),
            "the master paused 20 s; resumed, it took the address back, and the backup holding it looked whether it had only at "
            + "its next interval tick, 1.4 s after the attach: a handover's look waited for the tick, not for its own time"
        },
        {
            144, new Fault(FaultKind.Unhealthy, 2, 0, TimeSpan.FromSeconds(115.440), TimeSpan.FromSeconds(3.326), 0),
            "the master turned unhealthy and handed over; it looked whether its successor held the address at its interval "
            + "tick, not when its look was due, and both held it for 1.5 s"
        },
        {
            10, new Fault(FaultKind.Isolate, Fault.TriggeringNode, 0, TimeSpan.FromSeconds(0.328), TimeSpan.MaxValue, 0, FaultAim.HolderChange, 1),
            "the master, cut off from its peer before ever hearing it, kept announcing Master after the peer (which never heard "
            + "it either) took the address; at each reconciliation it took it back: 118 attaches in 10 minutes"
        },
        {
            2, new Fault(FaultKind.OneWayPartition, 1, 0, TimeSpan.FromSeconds(75.238), TimeSpan.FromSeconds(36.222), 0),
            "the master's adverts stopped reaching its peer, which took the address; the master, hearing its peer as before, "
            + "announced Master without the address until its next reconciliation, 30 s later"
        },
        {
            134, new Fault(FaultKind.LostAnswer, Fault.TriggeringNode, 0, TimeSpan.FromSeconds(0.015), TimeSpan.FromSeconds(9.318), 0, FaultAim.ApiAnswer, 1),
            "a backup handing over detached itself and the answer was lost: it stayed announced Master without the address "
            + "until its API timeout, 30 s"
        },
        {
            178, new Fault(FaultKind.Unhealthy, Fault.TriggeringNode, 0, TimeSpan.FromSeconds(2.466), TimeSpan.FromSeconds(1.463), 0, FaultAim.ApiAnswer, 3),
            "the master turned unhealthy and handed over; its health came back while its own detach was under way, so it was "
            + "master again and its successor, seeing it hold the address, let go; then the detach landed: nobody held it for 1 s"
        },
        {
            61, new Fault(FaultKind.Pause, Fault.TriggeringNode, 0, TimeSpan.FromSeconds(2.360), TimeSpan.FromSeconds(2.543), 0, FaultAim.BecameMaster, 1),
            "the master paused 2.5 s and a backup took over, then began detaching it (operations took 1-2 s); resumed, the master "
            + "found the address still on it and detached that backup a hold-off (0.9 s) later, as the backup's detach landed: nobody held it"
        },
        {
            177, new Fault(FaultKind.Partition, 3, 1, TimeSpan.FromSeconds(129.170), TimeSpan.FromSeconds(16.705), 0),
            "node 1 stopped hearing the master (node 3) and took the address, the API taking 1-2 s an operation; the master, "
            + "still hearing the others, found node 1 holding it and detached it as a dead holder while node 1 was detaching "
            + "the master: both detaches landed, and nobody held it"
        },
        {
            42, new Fault(FaultKind.OtherKey, 1, 0, TimeSpan.FromSeconds(12.537), TimeSpan.FromSeconds(29.116), 1),
            "the master (node 1) restarted with a rotation's next key already current, its peer still on the old key only: the peer, "
            + "no longer hearing it, took the address; the master took it back, the peer deferred to the holder the API vouched "
            + "for, and the address ended on the node whose adverts nobody could verify"
        },
        {
            161, new Fault(FaultKind.OtherKey, 2, 0, TimeSpan.FromSeconds(190.540), TimeSpan.FromSeconds(21.065), 1),
            "the same with four nodes: the three on the old key took the address from the master on the new one, which took it back"
        },
    };

    /// <summary>Seeds whose schedule shrank to several faults, and what went wrong before the fix.</summary>
    public static TheoryData<long, Fault[], string> SeedsWithTheirSchedule => new()
    {
        {
            181, new[]
            {
                new Fault(FaultKind.Stop, Fault.TriggeringNode, 0, TimeSpan.FromSeconds(0.273), TimeSpan.FromSeconds(7.772), 0, FaultAim.HolderChange, 2),
                new Fault(FaultKind.Isolate, Fault.TriggeringNode, 0, TimeSpan.FromSeconds(0.155), TimeSpan.FromSeconds(63.618), 0, FaultAim.ApiAnswer, 3),
            },
            "node 0 restarted while node 3, the best, was cut off from its peers; it became master and detached node 3 as "
            + "dead, node 3 took the address back, and node 0, which had never heard it since its restart and so watched "
            + "nothing, announced Master without the address until its next reconciliation"
        },
        {
            13, new[]
            {
                new Fault(FaultKind.LeaveGroup, 1, 0, TimeSpan.FromSeconds(173.325), TimeSpan.FromSeconds(20.489), 0),
                new Fault(FaultKind.Pause, 1, 0, TimeSpan.FromSeconds(0.311), TimeSpan.FromSeconds(1.609), 0, FaultAim.ApiAnswer, 3),
            },
            "node 1, back in its group after 20 s out of it, heard nobody (the master had stopped sending to it and dropped its "
            + "adverts as a stranger's until its next listing), took the address from the live master and detached it; the "
            + "master announced Master without it until its reconciliation"
        },
        {
            10, new[]
            {
                new Fault(FaultKind.VmPause, Fault.TriggeringNode, 0, TimeSpan.FromSeconds(0.016), TimeSpan.FromSeconds(2.637), 0, FaultAim.HolderChange, 1),
                new Fault(FaultKind.Operation404, 0, 0, TimeSpan.FromSeconds(0.070), TimeSpan.FromSeconds(4.352), 0, FaultAim.HolderChange, 1),
                new Fault(FaultKind.Isolate, Fault.TriggeringNode, 0, TimeSpan.FromSeconds(0.328), TimeSpan.MaxValue, 0, FaultAim.HolderChange, 1),
            },
            "the master, back from a VM pause and cut off from its peer for good, took the peer's adverts read on resuming "
            + "for fresh: the peer, which had taken the address meanwhile, detached it, and it announced Master without the "
            + "address until the peer fell silent to it"
        },
        {
            41, new[]
            {
                new Fault(FaultKind.Unhealthy, Fault.TriggeringNode, 0, TimeSpan.FromSeconds(4.071), TimeSpan.FromSeconds(1.491), 0, FaultAim.BecameMaster, 1),
                new Fault(FaultKind.VmPause, 0, 0, TimeSpan.FromSeconds(1.899), TimeSpan.FromSeconds(1.050), 0, FaultAim.BecameMaster, 3),
            },
            "node 1 let go of the address, and its detach landed after its role had changed again: it took the landed detach "
            + "as the last word and looked at the holders again only at its next reconciliation"
        },
        {
            200, new[]
            {
                new Fault(FaultKind.WallClockStep, 2, 0, TimeSpan.FromSeconds(67.483), TimeSpan.Zero, -2452),
                new Fault(FaultKind.LateApply, Fault.TriggeringNode, 0, TimeSpan.FromSeconds(0.082), TimeSpan.FromSeconds(10), 5, FaultAim.HolderChange, 3),
            },
            "node 2's wall clock stepped back 41 minutes: it refused every advert as stale, heard nobody, became master and "
            + "took the address from the live master, which announced Master without it"
        },
        {
            77, new[] { new Fault(FaultKind.WallClockStep, 2, 0, TimeSpan.FromSeconds(128.880), TimeSpan.Zero, -1622) },
            "the holder's wall clock stepped back 27 minutes: its adverts, stamped from where its clock had been, kept "
            + "passing for a window, so its peers took the address over a window after the dead time"
        },
        {
            2, new[]
            {
                new Fault(FaultKind.OneWayPartition, 1, 0, TimeSpan.FromSeconds(75.238), TimeSpan.FromSeconds(36.222), 0),
                new Fault(FaultKind.AttachForbidden, 1, 0, TimeSpan.FromSeconds(190.353), TimeSpan.FromSeconds(56.249), 0),
                new Fault(FaultKind.Partition, 0, 1, TimeSpan.FromSeconds(187.366), TimeSpan.FromSeconds(3.543), 0),
                new Fault(FaultKind.Loss, 1, 0, TimeSpan.FromSeconds(162.097), TimeSpan.FromSeconds(19.167), 0.467),
                new Fault(FaultKind.Isolate, Fault.TriggeringNode, 0, TimeSpan.FromSeconds(0.237), TimeSpan.FromSeconds(2.187), 0, FaultAim.HolderChange, 4),
            },
            "the master's attach was refused (403) after a split; it stepped aside only at the second refusal, a backoff later, "
            + "and announced Master without the address past A + ε"
        },
        {
            113, new[]
            {
                new Fault(FaultKind.PriorityFlip, Fault.TriggeringNode, 0, TimeSpan.FromSeconds(3.883), TimeSpan.FromSeconds(0.604), -18, FaultAim.ApiAnswer, 4),
                new Fault(FaultKind.Restart, Fault.TriggeringNode, 0, TimeSpan.FromSeconds(2.468), TimeSpan.FromSeconds(5.403), 0, FaultAim.ApiAnswer, 1),
                new Fault(FaultKind.Isolate, Fault.TriggeringNode, 0, TimeSpan.FromSeconds(3.886), TimeSpan.FromSeconds(2.248), 0, FaultAim.ApiAnswer, 2),
            },
            "a backup holding the address was letting go of it to the master when the master's priority flipped worse: the "
            + "backup, its detach under way, became master, and the old master, seeing it hold the address, let go too: both "
            + "detaches landed, and nobody held it for 1.1 s"
        },
        {
            600, new[]
            {
                new Fault(FaultKind.Partition, 1, 0, TimeSpan.FromSeconds(24.812), TimeSpan.MaxValue, 0),
                new Fault(FaultKind.PriorityFlip, Fault.TriggeringNode, 0, TimeSpan.FromSeconds(1.436), TimeSpan.FromSeconds(7.093), 7, FaultAim.ApiAnswer, 3),
            },
            "two nodes split for good, each reaching the API; node 0's priority flipped worse: it deferred to node 1 at the "
            + "priority it last heard, node 1 to node 0 at the one it last heard (the same, and the tie-break), so each handed "
            + "the address over to the other and both let go; then each waited for the other, vouched for by the API, to take "
            + "it: nobody held it for the rest of the run"
        },
        {
            164, new[]
            {
                new Fault(FaultKind.LeaveGroup, 2, 0, TimeSpan.FromSeconds(82.151), TimeSpan.FromSeconds(17.758), 0),
                new Fault(FaultKind.OtherKey, 2, 0, TimeSpan.FromSeconds(280.745), TimeSpan.FromSeconds(6.042), 1),
                new Fault(FaultKind.PutHang, Fault.TriggeringNode, 0, TimeSpan.FromSeconds(0.263), TimeSpan.FromSeconds(6.546), 0, FaultAim.HolderChange, 6),
            },
            "node 2, out of its group and back, later restarted with its next key, was taken for dead and detached, and took the "
            + "address back: two nodes held it 1.4 s (2A + ε is 1.36 s) and node 4 held it while announced Backup (it passes "
            + "since a peer heard less than a dead time before a node's listing names it again counts as heard; the path from "
            + "that rule to this run was not traced)"
        },
        {
            116, new[]
            {
                new Fault(FaultKind.Unhealthy, 1, 0, TimeSpan.FromSeconds(319.980), TimeSpan.FromSeconds(9.965), 0),
                new Fault(FaultKind.Loss, 0, 4, TimeSpan.FromSeconds(434.312), TimeSpan.FromSeconds(7.070), 0.544),
                new Fault(FaultKind.Api429, 0, 0, TimeSpan.FromSeconds(264.239), TimeSpan.FromSeconds(3.114), 5),
                new Fault(FaultKind.Pause, 1, 0, TimeSpan.FromSeconds(365.483), TimeSpan.FromSeconds(12.037), 0),
                new Fault(FaultKind.Partition, 0, 4, TimeSpan.FromSeconds(247.271), TimeSpan.FromSeconds(2.225), 0),
                new Fault(FaultKind.Kill, 3, 0, TimeSpan.FromSeconds(378.839), TimeSpan.FromSeconds(1.331), 0),
                new Fault(FaultKind.Kill, 2, 0, TimeSpan.FromSeconds(107.012), TimeSpan.FromSeconds(1.219), 0),
            },
            "adverts between node 0 and the master lost at random: node 0, letting go of the address to the master, took it "
            + "for dead while its own detach was under way, became master and detached it as a dead holder: both landed, nobody held it"
        },
    };

    [Theory]
    [MemberData(nameof(SeedsWithTheirSchedule))]
    public void With_the_schedule_it_shrank_to_the_seed_keeps_the_contract(long seed, Fault[] schedule, string before)
    {
        var result = SimulationRun.Run(seed, WatchdogNodes.Factory, Duration, schedule: schedule);

        Assert.True(result.Passed, $"{Violations(result)} (before the fix: {before})");
    }

    [Theory]
    [MemberData(nameof(SeedsWithTheirFault))]
    public void With_the_fault_it_shrank_to_the_seed_keeps_the_contract(long seed, Fault fault, string before)
    {
        var result = SimulationRun.Run(seed, WatchdogNodes.Factory, Duration, schedule: new[] { fault });

        Assert.True(result.Passed, $"{Violations(result)} (before the fix: {before})");
    }
}
