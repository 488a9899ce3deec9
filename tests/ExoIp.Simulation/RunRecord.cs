using System;
using System.Collections.Generic;

namespace ExoIp.Simulation;

/// <summary>A node's outward state from <paramref name="At"/> on.</summary>
public readonly record struct ObservationChange(long At, int Node, NodeObservation Observation);

/// <summary>A node's yes/no fact (eligible, running) from <paramref name="At"/> on.</summary>
public readonly record struct StateChange(long At, int Node, bool Value);

/// <summary>A fault as it was applied: to which node, from when to when (<see cref="long.MaxValue"/>: to the end).</summary>
public sealed record AppliedFault(Fault Fault, int Target, long Start, long End);

/// <summary>
/// Everything the checker reads from one run: the API's holder history, every node's observations, eligibility
/// and running state over time, the attach and detach calls, every node's check answers, and the faults applied.
/// </summary>
public sealed class RunRecord
{
    /// <summary>The run's parameters (the bounds come from them).</summary>
    public required RunParameters Parameters { get; init; }

    /// <summary>When the run ended, in ticks.</summary>
    public required long End { get; init; }

    /// <summary>Each node's instance id (the election's tie-break).</summary>
    public required Guid[] InstanceIds { get; init; }

    /// <summary>Each node's priority at the end.</summary>
    public required byte[] FinalPriorities { get; init; }

    /// <summary>The stray instance's bit in the holders.</summary>
    public int StrayIndex => InstanceIds.Length;

    /// <summary>Every change of holders, from "nobody" at 0.</summary>
    public required List<HolderChange> Holders { get; init; }

    /// <summary>Every change of a node's outward state.</summary>
    public required List<ObservationChange> Observations { get; init; }

    /// <summary>Every change of a node's eligibility.</summary>
    public required List<StateChange> Eligibility { get; init; }

    /// <summary>Every change of whether a node's process runs.</summary>
    public required List<StateChange> Running { get; init; }

    /// <summary>Every attach and detach call.</summary>
    public required List<MutationRecord> Mutations { get; init; }

    /// <summary>For each node, when a check of the holders (a GET of an instance or of the Elastic IP's holders) was answered.</summary>
    public required List<long>[] Checks { get; init; }

    /// <summary>The faults applied.</summary>
    public required List<AppliedFault> Faults { get; init; }

    /// <summary>How many nodes.</summary>
    public int NodeCount => InstanceIds.Length;
}
