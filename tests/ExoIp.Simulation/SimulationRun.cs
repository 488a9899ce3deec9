using System;
using System.Collections.Generic;

namespace ExoIp.Simulation;

/// <summary>Runs one seed: draws its parameters and (unless given) its fault schedule, runs the world, checks it.</summary>
public static class SimulationRun
{
    /// <summary>
    /// Runs <paramref name="seed"/> for <paramref name="duration"/> of virtual time with nodes from
    /// <paramref name="factory"/>; <paramref name="schedule"/> replaces the drawn one (shrinking replays subsets).
    /// </summary>
    public static RunResult Run(long seed, Func<ISimulatedNode> factory, TimeSpan duration, int? nodes = null,
        IReadOnlyList<Fault>? schedule = null, List<TraceEntry>? trace = null)
    {
        var random = new RandomStreams(seed);
        var parameters = RunParameters.Draw(random.Parameters, duration, nodes);
        var faults = schedule ?? Nemesis.Draw(random.Nemesis, parameters);
        var world = new SimWorld(random, parameters, factory);
        world.Scheduler.Trace = trace;
        var record = world.Run(faults);
        return new RunResult(seed, parameters, faults, record, Checker.Check(record), world.Scheduler.EventsRun);
    }

    /// <summary>Replays <paramref name="result"/>'s run up to <paramref name="at"/> and describes each node then.</summary>
    public static string[] NodesAt(RunResult result, Func<ISimulatedNode> factory, long at)
    {
        var world = new SimWorld(new RandomStreams(result.Seed), result.Parameters, factory);
        world.Begin(result.Schedule);
        TraceLogger.Replaying = true;
        try
        {
            world.Scheduler.RunUntil(at);
        }
        finally
        {
            TraceLogger.Replaying = false;
        }
        return world.DescribeNodes();
    }
}
