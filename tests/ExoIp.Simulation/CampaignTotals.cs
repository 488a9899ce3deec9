using System;
using System.Collections.Generic;

namespace ExoIp.Simulation;

/// <summary>A campaign's totals: seeds, simulated time, faults by kind, violations by invariant, worst ratios.</summary>
public sealed class CampaignTotals
{
    /// <summary>Seeds run.</summary>
    public int Seeds { get; private set; }

    /// <summary>Virtual time simulated, in ticks.</summary>
    public long SimulatedTicks { get; private set; }

    /// <summary>Scheduler events run.</summary>
    public long Events { get; private set; }

    /// <summary>Faults applied, by kind.</summary>
    public int[] FaultsByKind { get; } = new int[Enum.GetValues<FaultKind>().Length];

    /// <summary>Violations found, by invariant.</summary>
    public int[] ViolationsByInvariant { get; } = new int[Enum.GetValues<Invariant>().Length];

    /// <summary>The worst ratio to each invariant's bound.</summary>
    public double[] Worst { get; } = new double[Enum.GetValues<Invariant>().Length];

    /// <summary>The seeds that failed.</summary>
    public List<long> FailingSeeds { get; } = new();

    /// <summary>Faults applied in all.</summary>
    public int Faults
    {
        get
        {
            var total = 0;
            foreach (var count in FaultsByKind) total += count;
            return total;
        }
    }

    /// <summary>Violations in all.</summary>
    public int Violations
    {
        get
        {
            var total = 0;
            foreach (var count in ViolationsByInvariant) total += count;
            return total;
        }
    }

    /// <summary>Adds one seed's run.</summary>
    public void Add(RunResult result)
    {
        Seeds++;
        SimulatedTicks += result.Parameters.Duration.Ticks;
        Events += result.Events;
        foreach (var applied in result.Record.Faults) FaultsByKind[(int)applied.Fault.Kind]++;
        foreach (var violation in result.Report.Violations) ViolationsByInvariant[(int)violation.Invariant]++;
        foreach (var invariant in Enum.GetValues<Invariant>())
            Worst[(int)invariant] = Math.Max(Worst[(int)invariant], result.Report.Worst(invariant));
        if (!result.Passed) FailingSeeds.Add(result.Seed);
    }
}
