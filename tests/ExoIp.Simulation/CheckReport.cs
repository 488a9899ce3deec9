using System;
using System.Collections.Generic;

namespace ExoIp.Simulation;

/// <summary>What the checker found in one run: the violations, and the worst observed value of each bound as a ratio to it.</summary>
public sealed class CheckReport
{
    private readonly double[] _worst = new double[Enum.GetValues<Invariant>().Length];

    /// <summary>Every violation, in the order found.</summary>
    public List<Violation> Violations { get; } = new();

    /// <summary>The worst observed value of an invariant's bound, as a ratio to it (above 1 is a violation).</summary>
    public double Worst(Invariant invariant) => _worst[(int)invariant];

    /// <summary>Notes a measured value against its bound.</summary>
    public void Measure(Invariant invariant, double value, double bound)
    {
        var ratio = bound > 0 ? value / bound : (value > 0 ? double.PositiveInfinity : 0);
        if (ratio > _worst[(int)invariant]) _worst[(int)invariant] = ratio;
    }

    /// <summary>Adds a violation.</summary>
    public void Fail(Invariant invariant, long at, string detail) => Violations.Add(new Violation(invariant, at, detail));
}
