using System;
using System.Collections.Generic;
using ExoIp.Simulation;

namespace ExoIp.Tests.Simulation;

/// <summary>
/// Hand-written run records for the checker's table tests. Bounds: I 1 s, R 3 (D 3 s), ε 1 s, A 0.2 s
/// (legs ≤ 25 ms, operations ≤ 100 ms), H 3.1 s, Rc 30 s, ApiTimeout 10 s; the run lasts 300 s.
/// </summary>
internal sealed class HistoryBuilder
{
    public static readonly RunParameters Parameters = new()
    {
        NodeCount = 2,
        Intervals = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)],
        DeadRatio = 3,
        ReconcileInterval = TimeSpan.FromSeconds(30),
        ApiTimeout = TimeSpan.FromSeconds(10),
        PeerRefreshInterval = TimeSpan.FromMinutes(5),
        PeerSource = PeerSource.Static,
        NetworkMinDelay = TimeSpan.FromMilliseconds(1),
        NetworkMaxDelay = TimeSpan.FromMilliseconds(2),
        Loss = 0,
        Duplication = 0,
        ApiLegMin = TimeSpan.FromMilliseconds(5),
        ApiLegMax = TimeSpan.FromMilliseconds(25),
        OperationMin = TimeSpan.FromMilliseconds(10),
        OperationMax = TimeSpan.FromMilliseconds(100),
        Duration = TimeSpan.FromSeconds(300),
    };

    private readonly List<HolderChange> _holders = [new HolderChange(0, 0, -1, false, -1)];
    private readonly List<StateChange> _eligibility = new();
    private readonly List<StateChange> _running = new();
    private readonly List<ObservationChange> _observations = new();
    private readonly List<MutationRecord> _mutations = new();
    private readonly List<long>[] _checks = [new List<long>(), new List<long>()];
    private readonly List<AppliedFault> _faults = new();
    private ulong _current;
    private byte[] _priorities = [10, 20];

    /// <summary>Node 0 (priority 10) and node 1 (priority 20), both running and eligible from 0; node 0 holds from 1 s.</summary>
    public static HistoryBuilder TwoNodes()
    {
        var builder = new HistoryBuilder();
        for (var node = 0; node < 2; node++)
        {
            builder.Eligible(0, node, true);
            builder.Running(0, node, true);
        }
        builder.Attach(1, 0);
        return builder;
    }

    public static long At(double seconds) => (long)(seconds * TimeSpan.TicksPerSecond);

    public HistoryBuilder Attach(double seconds, int instance, int byNode = -1) => Change(seconds, instance, true, byNode);

    public HistoryBuilder Detach(double seconds, int instance, int byNode = -1) => Change(seconds, instance, false, byNode);

    public HistoryBuilder Eligible(double seconds, int node, bool eligible)
    {
        _eligibility.Add(new StateChange(At(seconds), node, eligible));
        return this;
    }

    public HistoryBuilder Running(double seconds, int node, bool running)
    {
        _running.Add(new StateChange(At(seconds), node, running));
        return this;
    }

    /// <summary>The node stops running and being eligible at <paramref name="seconds"/> (a SIGKILL).</summary>
    public HistoryBuilder Killed(double seconds, int node) => Eligible(seconds, node, false).Running(seconds, node, false);

    public HistoryBuilder Announce(double seconds, int node, string role)
    {
        var observation = new NodeObservation(Enum.Parse<ExoIp.Election.NodeRole>(role), role, null, 10, "test: " + role);
        _observations.Add(new ObservationChange(At(seconds), node, observation));
        return this;
    }

    public HistoryBuilder Fault(FaultKind kind, int target, double start, double? end, double parameter = 0)
    {
        var duration = end is { } e ? TimeSpan.FromSeconds(e - start) : TimeSpan.MaxValue;
        _faults.Add(new AppliedFault(new Fault(kind, target, 1 - target, TimeSpan.FromSeconds(start), duration, parameter), target, At(start),
            end is { } stop ? At(stop) : long.MaxValue));
        return this;
    }

    public HistoryBuilder Mutation(MutationRecord record)
    {
        _mutations.Add(record);
        return this;
    }

    /// <summary>The nodes' priorities at the end (node 1 the better one after a handover to it).</summary>
    public HistoryBuilder Priorities(byte node0, byte node1)
    {
        _priorities = [node0, node1];
        return this;
    }

    /// <summary>Node 1 becomes the better node at <paramref name="seconds"/> (SIGUSR1 to priority 5).</summary>
    public HistoryBuilder Node1PreferredFrom(double seconds) => Priorities(10, 5).Fault(FaultKind.PriorityFlip, 1, seconds, seconds);

    public HistoryBuilder Check(double seconds, int node)
    {
        _checks[node].Add(At(seconds));
        return this;
    }

    public RunRecord Build()
    {
        _holders.Sort((a, b) => a.At.CompareTo(b.At));
        _eligibility.Sort((a, b) => a.At.CompareTo(b.At));
        _running.Sort((a, b) => a.At.CompareTo(b.At));
        _observations.Sort((a, b) => a.At.CompareTo(b.At));
        return new RunRecord
        {
            Parameters = Parameters,
            End = Parameters.Duration.Ticks,
            InstanceIds = [new Guid("00000000-0000-4000-8000-000000000001"), new Guid("00000000-0000-4000-8000-000000000002")],
            FinalPriorities = _priorities,
            Holders = _holders,
            Observations = _observations,
            Eligibility = _eligibility,
            Running = _running,
            Mutations = _mutations,
            Checks = _checks,
            Faults = _faults,
        };
    }

    private HistoryBuilder Change(double seconds, int instance, bool attach, int byNode)
    {
        // Changes are written in time order by the tests; the mask follows them.
        _current = attach ? _current | (1UL << instance) : _current & ~(1UL << instance);
        _holders.Add(new HolderChange(At(seconds), _current, instance, attach, byNode));
        return this;
    }
}
