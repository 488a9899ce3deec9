using System;
using System.Collections.Generic;

namespace ExoIp.Simulation;

/// <summary>
/// Draws a run's fault schedule from the seed's nemesis stream: every fault kind of the contract at random
/// instants (with durations on both sides of D and Rc), plus faults aimed at the windows where beliefs go stale
/// (within [0, 2A] of a node becoming master, of an API answer, of a change of holders). Faults start after the
/// first hold-off and end before the last quarter of the run, so the checker sees the cluster settle (I3).
/// </summary>
public static class Nemesis
{
    private static readonly FaultKind[] AimedKinds =
    [
        FaultKind.Pause, FaultKind.VmPause, FaultKind.Kill, FaultKind.Stop, FaultKind.Restart, FaultKind.PriorityFlip,
        FaultKind.Unhealthy, FaultKind.LostAnswer, FaultKind.LateApply, FaultKind.PutHang, FaultKind.Operation404,
        FaultKind.Partition, FaultKind.Isolate, FaultKind.ApiCutOff,
    ];

    /// <summary>Draws the schedule of a run lasting <see cref="RunParameters.Duration"/>.</summary>
    public static List<Fault> Draw(Random random, RunParameters p)
    {
        var schedule = new List<Fault>();
        var kinds = Enum.GetValues<FaultKind>();
        var minutes = Math.Max(1, (int)p.Duration.TotalMinutes);
        var instant = 1 + random.Next(2 * minutes);
        var first = p.HoldOff.Ticks * 3;
        var last = p.Duration.Ticks * 3 / 4;
        for (var i = 0; i < instant; i++)
        {
            FaultKind kind;
            do kind = kinds[random.Next(kinds.Length)];
            while ((kind == FaultKind.LeaveGroup && p.PeerSource == PeerSource.Static) || (kind == FaultKind.OtherKey && !p.Authenticated));
            var start = TimeSpan.FromTicks(first + (long)(random.NextDouble() * (last - first)));
            var target = random.Next(p.NodeCount);
            // The API itself failing or slow, for every node at once (I1 has no bound then; I2, I4, I6 still do).
            if (kind is FaultKind.Api5xx or FaultKind.Api429 or FaultKind.ApiSlow or FaultKind.ApiCutOff && random.NextDouble() < 0.25)
                target = Fault.EveryNode;
            var fault = Shape(random, p, kind, start, FaultAim.Instant, 0, target);
            schedule.Add(Fit(fault, p.Duration.Ticks * 3 / 4));
        }
        var aimed = 1 + random.Next(4);
        for (var i = 0; i < aimed; i++)
        {
            var kind = AimedKinds[random.Next(AimedKinds.Length)];
            var aim = (FaultAim)(1 + random.Next(3));
            var offset = TimeSpan.FromTicks((long)(random.NextDouble() * 2 * p.Action.Ticks));
            var target = random.NextDouble() < 0.8 ? Fault.TriggeringNode : random.Next(p.NodeCount);
            schedule.Add(Shape(random, p, kind, offset, aim, 1 + random.Next(6), target));
        }
        return schedule;
    }

    // Durations on the sides of the bounds that matter, and each kind's parameter.
    private static Fault Shape(Random random, RunParameters p, FaultKind kind, TimeSpan start, FaultAim aim, int occurrence, int target)
    {
        var d = p.DeadTime;
        var rc = p.ReconcileInterval;
        var other = target < 0 ? random.Next(p.NodeCount) : (target + 1 + random.Next(Math.Max(1, p.NodeCount - 1))) % p.NodeCount;
        TimeSpan Between(TimeSpan low, TimeSpan high) => low + TimeSpan.FromTicks((long)(random.NextDouble() * (high - low).Ticks));
        TimeSpan ShortMidLong() => random.Next(3) switch
        {
            0 => Between(TimeSpan.FromTicks(d.Ticks / 5), TimeSpan.FromTicks(d.Ticks * 9 / 10)),
            1 => Between(d, rc),
            _ => Between(rc, rc * 2),
        };
        TimeSpan ShorterOrLongerThanD() => random.Next(2) == 0 ? Between(TimeSpan.FromTicks(d.Ticks / 5), TimeSpan.FromTicks(d.Ticks * 9 / 10)) : Between(d, d * 3);
        TimeSpan OrForever(TimeSpan duration, double chance) => random.NextDouble() < chance ? TimeSpan.MaxValue : duration;

        var (duration, parameter) = kind switch
        {
            FaultKind.Kill => (OrForever(ShorterOrLongerThanD(), 0.1), 0.0),
            FaultKind.Pause or FaultKind.VmPause => (ShortMidLong(), 0.0),
            FaultKind.WallClockStep => (TimeSpan.Zero, (random.Next(2) == 0 ? -1 : 1) * (1 + random.Next(3600))),
            FaultKind.Stop => (OrForever(ShorterOrLongerThanD(), 0.1), 0.0),
            FaultKind.Restart => (ShorterOrLongerThanD(), 0.0),
            FaultKind.Partition or FaultKind.OneWayPartition or FaultKind.Isolate =>
                (OrForever(random.Next(2) == 0 ? ShorterOrLongerThanD() : Between(rc, rc * 3), 0.05), 0.0),
            FaultKind.Loss => (Between(d, rc), 0.3 + 0.6 * random.NextDouble()),
            FaultKind.ApiCutOff => (Between(d, rc * 2), random.Next(2)),
            FaultKind.Api5xx => (Between(TimeSpan.FromSeconds(1), rc), 0.0),
            FaultKind.Api429 => (Between(TimeSpan.FromSeconds(1), rc), 1 + random.Next(5)),
            FaultKind.ApiSlow => (Between(TimeSpan.FromSeconds(1), rc), 3 + random.Next(18)),
            FaultKind.PutHang or FaultKind.LostAnswer or FaultKind.Operation404 => (Between(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10)), 0.0),
            FaultKind.LateApply => (TimeSpan.FromSeconds(10), 1 + random.Next(5)),
            FaultKind.AttachForbidden => (Between(d, rc * 2), 0.0),
            FaultKind.StrayHolder => (TimeSpan.Zero, 0.0),
            // SIGUSR1/2 back and forth within one API action, or a change that lasts.
            FaultKind.PriorityFlip => (random.Next(2) == 0 ? Between(TimeSpan.Zero, p.Action) : Between(d, rc),
                (random.Next(2) == 0 ? -1 : 1) * (1 + random.Next(20))),
            FaultKind.Unhealthy => (random.Next(2) == 0 ? Between(TimeSpan.FromTicks(d.Ticks / 5), d) : Between(d, rc), 0.0),
            FaultKind.LeaveGroup => (Between(rc, rc * 3), 0.0),
            FaultKind.OtherKey => (random.Next(2) == 0 ? Between(d, rc) : Between(rc, rc * 3), random.Next(2)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such fault"),
        };
        return new Fault(kind, target, other, start, duration, parameter, aim, occurrence);
    }

    // An instant fault that would outlast the quiet tail's start is cut to end there (permanent ones stay).
    private static Fault Fit(Fault fault, long end)
    {
        if (fault.Permanent || fault.Start.Ticks + fault.Duration.Ticks <= end) return fault;
        return fault with { Duration = TimeSpan.FromTicks(Math.Max(0, end - fault.Start.Ticks)) };
    }
}
