using System;

namespace ExoIp.Simulation;

/// <summary>
/// One run's settings, drawn from the seed's parameter stream, and the contract's bounds derived from them:
/// D = I × R, ε = I, A = one API action's worst injected latency (check + PUT + operation + answer), H = D + skew,
/// Rc. With nodes at different intervals, I is the largest.
/// </summary>
public sealed record RunParameters
{
    /// <summary>How many watchdog nodes.</summary>
    public required int NodeCount { get; init; }

    /// <summary>Each node's advertisement interval.</summary>
    public required TimeSpan[] Intervals { get; init; }

    /// <summary>The dead ratio R.</summary>
    public required int DeadRatio { get; init; }

    /// <summary>The hold-off's skew (WatchdogOptions.Skew).</summary>
    public TimeSpan Skew { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Rc.</summary>
    public required TimeSpan ReconcileInterval { get; init; }

    /// <summary>The bound on one API call.</summary>
    public required TimeSpan ApiTimeout { get; init; }

    /// <summary>How often listed peers are read again.</summary>
    public required TimeSpan PeerRefreshInterval { get; init; }

    /// <summary>Static peers, a security group or an Instance Pool.</summary>
    public required PeerSource PeerSource { get; init; }

    /// <summary>Datagram delay range.</summary>
    public required TimeSpan NetworkMinDelay { get; init; }

    /// <summary>Datagram delay range.</summary>
    public required TimeSpan NetworkMaxDelay { get; init; }

    /// <summary>Background datagram loss, 0–1.</summary>
    public required double Loss { get; init; }

    /// <summary>Background datagram duplication, 0–1.</summary>
    public required double Duplication { get; init; }

    /// <summary>One API request or answer on the wire (a leg), drawn uniformly in [min, max].</summary>
    public required TimeSpan ApiLegMin { get; init; }

    /// <summary>The longest leg.</summary>
    public required TimeSpan ApiLegMax { get; init; }

    /// <summary>How long an operation takes to apply once its PUT arrived, drawn in [min, max].</summary>
    public required TimeSpan OperationMin { get; init; }

    /// <summary>The longest operation.</summary>
    public required TimeSpan OperationMax { get; init; }

    /// <summary>Adverts are authenticated (every node gets the run's key), so a node can be given another one.</summary>
    public bool Authenticated { get; init; }

    /// <summary>How long the run lasts in virtual time.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>I: the largest interval.</summary>
    public TimeSpan Interval
    {
        get
        {
            var largest = TimeSpan.Zero;
            foreach (var interval in Intervals) if (interval > largest) largest = interval;
            return largest;
        }
    }

    /// <summary>D = I × R.</summary>
    public TimeSpan DeadTime => TimeSpan.FromTicks(Interval.Ticks * DeadRatio);

    /// <summary>ε = I.</summary>
    public TimeSpan Epsilon => Interval;

    /// <summary>A: the check's GET (two legs), the PUT (a leg), the operation, the answer (a leg), at their worst.</summary>
    public TimeSpan Action => TimeSpan.FromTicks(4 * ApiLegMax.Ticks + OperationMax.Ticks);

    /// <summary>H = D + skew (ElectionTiming.HoldOff).</summary>
    public TimeSpan HoldOff => DeadTime + Skew;

    /// <summary>Draws a run's parameters; <paramref name="nodes"/> fixes the node count when given.</summary>
    public static RunParameters Draw(Random random, TimeSpan duration, int? nodes)
    {
        double[] intervals = [0.1, 0.2, 0.5, 1, 1, 1];
        var interval = TimeSpan.FromSeconds(intervals[random.Next(intervals.Length)]);
        var drawn = 2 + random.Next(4); // drawn even when fixed, so the other parameters stay the seed's
        var count = nodes ?? drawn;
        var perNode = new TimeSpan[count];
        for (var i = 0; i < count; i++) perNode[i] = interval;
        // Sometimes one node was started with another interval (a configuration drift the contract covers).
        if (random.NextDouble() < 0.1) perNode[random.Next(count)] = TimeSpan.FromTicks(interval.Ticks * 2);
        var source = (PeerSource)random.Next(3);
        var fastApi = random.NextDouble() < 0.5;
        var deadRatio = 2 + random.Next(3);
        return new RunParameters
        {
            NodeCount = count,
            Intervals = perNode,
            DeadRatio = deadRatio,
            ReconcileInterval = TimeSpan.FromSeconds(random.NextDouble() < 0.5 ? 10 : 30),
            ApiTimeout = TimeSpan.FromSeconds(random.NextDouble() < 0.5 ? 5 : 30),
            PeerRefreshInterval = TimeSpan.FromSeconds(random.NextDouble() < 0.5 ? 10 : 300),
            PeerSource = source,
            NetworkMinDelay = TimeSpan.FromMilliseconds(0.1),
            NetworkMaxDelay = TimeSpan.FromMilliseconds(1 + random.Next(20)),
            // A dead ratio of 2 takes one lost advert for a death (README, "Guarantees"): background loss only from 3 on;
            // the nemesis still aims its Loss faults at every ratio.
            Loss = random.NextDouble() < 0.5 || deadRatio < 3 ? 0 : 0.01,
            Duplication = random.NextDouble() < 0.5 ? 0 : 0.01,
            ApiLegMin = TimeSpan.FromMilliseconds(fastApi ? 2 : 20),
            ApiLegMax = TimeSpan.FromMilliseconds(fastApi ? 20 : 150),
            OperationMin = TimeSpan.FromMilliseconds(fastApi ? 10 : 200),
            OperationMax = TimeSpan.FromMilliseconds(fastApi ? 100 : 1500),
            Duration = duration,
            Authenticated = random.NextDouble() < 0.5,
        };
    }
}
