using System.Collections.Generic;

namespace ExoIp.Simulation;

/// <summary>One seed's run: what ran (parameters, schedule), what happened (the record) and what the checker found.</summary>
public sealed record RunResult(long Seed, RunParameters Parameters, IReadOnlyList<Fault> Schedule, RunRecord Record, CheckReport Report, long Events)
{
    /// <summary>True when the checker found no violation.</summary>
    public bool Passed => Report.Violations.Count == 0;
}
