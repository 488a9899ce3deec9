using System;
using System.Collections.Generic;

namespace ExoIp.Simulation;

/// <summary>
/// Delta debugging (ddmin) of a failing schedule: drops chunks of faults, then single faults, while the run still
/// violates one of the invariants the original run violated; returns the smallest schedule found.
/// </summary>
public static class Shrinker
{
    /// <summary>Shrinks <paramref name="failing"/>'s schedule within <paramref name="maxRuns"/> replays.</summary>
    public static RunResult Shrink(RunResult failing, Func<ISimulatedNode> factory, int? nodes, int maxRuns = 200)
    {
        var wanted = new HashSet<Invariant>();
        foreach (var violation in failing.Report.Violations) wanted.Add(violation.Invariant);
        var best = failing;
        var current = new List<Fault>(failing.Schedule);
        var granularity = 2;
        var runs = 0;
        while (current.Count > 0 && runs < maxRuns)
        {
            var chunk = Math.Max(1, current.Count / granularity);
            var reduced = false;
            for (var start = 0; start < current.Count && runs < maxRuns; start += chunk)
            {
                var candidate = new List<Fault>(current.Count);
                for (var i = 0; i < current.Count; i++)
                    if (i < start || i >= start + chunk) candidate.Add(current[i]);
                runs++;
                var result = SimulationRun.Run(failing.Seed, factory, failing.Parameters.Duration, nodes, candidate);
                if (!StillFails(result, wanted)) continue;
                best = result;
                current = candidate;
                granularity = Math.Max(granularity - 1, 2);
                reduced = true;
                break;
            }
            if (reduced) continue;
            if (chunk == 1) break;
            granularity = Math.Min(current.Count, granularity * 2);
        }
        return best;
    }

    private static bool StillFails(RunResult result, HashSet<Invariant> wanted)
    {
        foreach (var violation in result.Report.Violations)
            if (wanted.Contains(violation.Invariant)) return true;
        return false;
    }
}
