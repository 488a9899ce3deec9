using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace ExoIp.Simulation;

/// <summary>
/// A run of real processes, as the real-process tier logs it for the same checker: the settings the nodes ran
/// with, the nodes, the emulator's holder history (<c>GET /control/history?elasticIp=</c>, to the millisecond),
/// what the driver knew of each node over time (running, eligible, the role its hooks were told) and the faults
/// it injected. Times are wall-clock instants; the record counts from <see cref="StartedAt"/>.
/// </summary>
public sealed record ExternalRun(
    ExternalSettings Settings,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    IReadOnlyList<ExternalNode> Nodes,
    IReadOnlyList<ExternalHolderChange> History,
    IReadOnlyList<ExternalFact> Facts,
    IReadOnlyList<ExternalFault> Faults)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Reads a run log.</summary>
    /// <exception cref="FormatException">The file is not a run log.</exception>
    public static ExternalRun Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<ExternalRun>(File.ReadAllText(path), Json)
                ?? throw new FormatException($"{path}: empty run log.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: not a run log ({e.Message}).");
        }
    }

    /// <summary>The record the checker reads: instances by their order in <see cref="Nodes"/>, any other holder as the stray.</summary>
    public RunRecord ToRecord()
    {
        var s = Settings;
        var interval = TimeSpan.FromSeconds(s.IntervalSeconds);
        var parameters = new RunParameters
        {
            NodeCount = Nodes.Count,
            Intervals = Array.ConvertAll(new int[Nodes.Count], _ => interval),
            DeadRatio = s.DeadRatio,
            Skew = TimeSpan.FromSeconds(s.SkewSeconds),
            ReconcileInterval = TimeSpan.FromSeconds(s.ReconcileSeconds),
            ApiTimeout = TimeSpan.FromSeconds(s.ApiTimeoutSeconds),
            PeerRefreshInterval = TimeSpan.FromMinutes(5),
            PeerSource = PeerSource.Static,
            NetworkMinDelay = TimeSpan.Zero,
            NetworkMaxDelay = TimeSpan.Zero,
            Loss = 0,
            Duplication = 0,
            // A is what the run's emulator was configured to take for one action, whole.
            ApiLegMin = TimeSpan.Zero,
            ApiLegMax = TimeSpan.Zero,
            OperationMin = TimeSpan.Zero,
            OperationMax = TimeSpan.FromSeconds(s.ActionSeconds),
            Duration = EndedAt - StartedAt,
        };
        var ids = new Guid[Nodes.Count];
        var priorities = new byte[Nodes.Count];
        for (var i = 0; i < Nodes.Count; i++)
        {
            ids[i] = Guid.Parse(Nodes[i].InstanceId);
            priorities[i] = Nodes[i].FinalPriority;
        }

        var holders = new List<HolderChange> { new(0, 0, -1, false, -1) };
        ulong current = 0;
        foreach (var change in History)
        {
            var instance = Array.FindIndex(ids, id => string.Equals(id.ToString(), change.InstanceId, StringComparison.OrdinalIgnoreCase));
            if (instance < 0) instance = Nodes.Count;
            var attach = change.Action == "attach";
            current = attach ? current | (1UL << instance) : current & ~(1UL << instance);
            holders.Add(new HolderChange(Ticks(change.Time), current, instance, attach, -1));
        }

        var eligibility = new List<StateChange>();
        var running = new List<StateChange>();
        var observations = new List<ObservationChange>();
        foreach (var fact in Facts)
        {
            var at = Ticks(fact.Time);
            if (fact.Eligible is { } eligible) eligibility.Add(new StateChange(at, fact.Node, eligible));
            if (fact.Running is { } isRunning) running.Add(new StateChange(at, fact.Node, isRunning));
            if (fact.Announced is { } announced)
            {
                var role = Enum.TryParse<ExoIp.Election.NodeRole>(announced, out var parsed) ? parsed : ExoIp.Election.NodeRole.Starting;
                observations.Add(new ObservationChange(at, fact.Node, new NodeObservation(role, announced, null, priorities[fact.Node], "announced " + announced)));
            }
        }

        var faults = new List<AppliedFault>();
        foreach (var fault in Faults)
        {
            var kind = Enum.Parse<FaultKind>(fault.Kind);
            var start = Ticks(fault.Start);
            var end = fault.End is { } e ? Ticks(e) : long.MaxValue;
            var duration = fault.End is null ? TimeSpan.MaxValue : TimeSpan.FromTicks(end - start);
            // A slowdown's factor on A, as the simulation's ApiSlow carries it: its operations last that much longer.
            var parameter = kind == FaultKind.ApiSlow && fault.OperationDelayMilliseconds is { } delay ? 1 + delay / 1000.0 / s.ActionSeconds : 0;
            faults.Add(new AppliedFault(new Fault(kind, fault.Target, fault.Target, TimeSpan.FromTicks(start), duration, parameter), fault.Target, start, end));
        }

        return new RunRecord
        {
            Parameters = parameters,
            End = parameters.Duration.Ticks,
            InstanceIds = ids,
            FinalPriorities = priorities,
            Holders = holders,
            Observations = observations,
            Eligibility = eligibility,
            Running = running,
            // Real processes do not report their calls one by one: I6 is the simulation's to check.
            Mutations = new List<MutationRecord>(),
            Checks = Array.ConvertAll(ids, _ => new List<long>()),
            Faults = faults,
        };
    }

    private long Ticks(DateTimeOffset time) => (time - StartedAt).Ticks;
}

/// <summary>What the real nodes ran with, and A as the run's emulator was configured.</summary>
public sealed record ExternalSettings(double IntervalSeconds, int DeadRatio, double SkewSeconds, double ReconcileSeconds, double ApiTimeoutSeconds, double ActionSeconds);

/// <summary>One node: its instance id and its priority at the end.</summary>
public sealed record ExternalNode(string InstanceId, byte FinalPriority);

/// <summary>One item of the emulator's holder history.</summary>
public sealed record ExternalHolderChange(DateTimeOffset Time, string InstanceId, string Action);

/// <summary>What the driver learnt of a node at an instant (null fields: unchanged).</summary>
public sealed record ExternalFact(DateTimeOffset Time, int Node, bool? Running, bool? Eligible, string? Announced);

/// <summary>A fault the driver injected, by the simulation's name of its kind; End null: to the end.</summary>
/// <param name="OperationDelayMilliseconds">For ApiSlow: how much longer each attach or detach operation took.</param>
public sealed record ExternalFault(string Kind, int Target, DateTimeOffset Start, DateTimeOffset? End, int? OperationDelayMilliseconds = null);
