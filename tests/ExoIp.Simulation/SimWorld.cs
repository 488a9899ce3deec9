using System;
using System.Collections.Generic;
using System.Net;
using ExoIp.Authentication;
using ExoIp.Protocol;
using ExoIp.Watchdog;

namespace ExoIp.Simulation;

/// <summary>
/// The deterministic world of one run: the scheduler, the nodes' slots and processes, the network, the API and
/// the faults of a schedule. It reads every node's observation after each of its events and records what the
/// checker needs in <see cref="Record"/>.
/// </summary>
public sealed class SimWorld
{
    /// <summary>The wall-clock instant virtual time 0 stands for.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Func<ISimulatedNode> _factory;
    private readonly Dictionary<IPAddress, int> _byAddress = new();
    private readonly IPAddress _elasticIp = IPAddress.Parse("203.0.113.50");
    private readonly FaultInjector _faults;
    private int _historySeen = 1;

    /// <summary>Builds the world of a seed's parameters: instance ids, addresses and priorities drawn from its streams.</summary>
    public SimWorld(RandomStreams random, RunParameters parameters, Func<ISimulatedNode> factory)
    {
        Random = random;
        Parameters = parameters;
        _factory = factory;
        Scheduler = new Scheduler();
        var count = parameters.NodeCount;
        var instances = new List<SimInstance>(count + 1);
        var priorities = DrawPriorities(random.Priorities, count);
        Slots = new NodeSlot[count];
        for (var i = 0; i < count; i++)
        {
            var address = IPAddress.Parse("198.51.100." + (10 + i));
            var instance = new SimInstance(i, RandomStreams.NextGuid(random.Ids), address.ToString())
            {
                InGroup = true, InPool = true,
            };
            instances.Add(instance);
            Slots[i] = new NodeSlot(i, instance, address, priorities[i], parameters.Intervals[i])
            {
                StampWindow = AdvertisementVerifier.WindowFor(parameters.Intervals[i], parameters.DeadRatio),
            };
            _byAddress[address] = i;
        }
        instances.Add(new SimInstance(count, RandomStreams.NextGuid(random.Ids), "198.51.100.200"));
        Api = new SimApi(Scheduler, instances, RandomStreams.NextGuid(random.Ids), _elasticIp.ToString()) { MembersListed = MembersListed };
        Network = new SimNetwork(this, Scheduler, random.Network, parameters);
        if (parameters.Authenticated)
        {
            SharedKeys = new AuthKeyRing(AuthKey.FromText(KeyText(random.Seed, 1), "simulation"));
            foreach (var slot in Slots) slot.AuthKeys = SharedKeys;
        }
        _faults = new FaultInjector(this);
        Record = new RunRecord
        {
            Parameters = parameters,
            End = parameters.Duration.Ticks,
            InstanceIds = Array.ConvertAll(Slots, s => s.Instance.Guid),
            FinalPriorities = new byte[count],
            Holders = Api.History,
            Observations = new List<ObservationChange>(),
            Eligibility = new List<StateChange>(),
            Running = new List<StateChange>(),
            Mutations = Api.Mutations,
            Checks = Array.ConvertAll(Slots, _ => new List<long>()),
            Faults = _faults.Applied,
        };
        Scheduler.AfterEvent = AfterEvent;
    }

    /// <summary>The run's random streams.</summary>
    public RandomStreams Random { get; }

    /// <summary>The run's parameters.</summary>
    public RunParameters Parameters { get; }

    /// <summary>The one clock and thread.</summary>
    public Scheduler Scheduler { get; }

    /// <summary>The nodes.</summary>
    public NodeSlot[] Slots { get; }

    /// <summary>The API's server side.</summary>
    public SimApi Api { get; }

    /// <summary>The key every node shares, with authenticated adverts.</summary>
    public AuthKeyRing? SharedKeys { get; }

    /// <summary>A key's text for the seed (at least 16 characters, as AuthKey requires).</summary>
    public static string KeyText(long seed, int which) => $"simulation-key-{which}-{seed:x16}";

    /// <summary>The datagram network.</summary>
    public SimNetwork Network { get; }

    /// <summary>What the checker reads.</summary>
    public RunRecord Record { get; }

    /// <summary>Runs the schedule to the end of the run.</summary>
    public RunRecord Run(IReadOnlyList<Fault> schedule)
    {
        Begin(schedule);
        Scheduler.RunUntil(Parameters.Duration.Ticks);
        return Finish();
    }

    /// <summary>Plans the nodes' starts and the schedule's faults; <see cref="Scheduler.RunUntil"/> then runs them.</summary>
    public void Begin(IReadOnlyList<Fault> schedule)
    {
        var starts = Random.Schedule;
        for (var i = 0; i < Slots.Length; i++)
        {
            var node = i;
            var at = i == 0 ? 0 : (long)(starts.NextDouble() * Parameters.HoldOff.Ticks);
            Scheduler.Schedule(at, "start", () => StartNode(node), node);
        }
        _faults.Plan(schedule);
    }

    /// <summary>Closes the record at the end of the run.</summary>
    public RunRecord Finish()
    {
        _faults.CloseOpen();
        for (var i = 0; i < Slots.Length; i++) Record.FinalPriorities[i] = Slots[i].Priority;
        return Record;
    }

    /// <summary>Each node's state and last beliefs now, for a failure report.</summary>
    public string[] DescribeNodes()
    {
        var lines = new string[Slots.Length];
        for (var i = 0; i < Slots.Length; i++)
        {
            var slot = Slots[i];
            lines[i] = $"{slot.Lifecycle}, eligible {(slot.Eligible ? "yes" : "no")}, priority {slot.Priority}: " +
                (slot.LastObservation is { } o ? o.Beliefs : "no observation yet");
        }
        return lines;
    }

    /// <summary>The node listening at <paramref name="address"/>, or -1.</summary>
    public int NodeAt(IPAddress address) => _byAddress.TryGetValue(address, out var node) ? node : -1;

    /// <summary>The node's belief epoch now.</summary>
    public int EpochOf(int node) => Slots[node].Epoch;

    // A listing of the members was read: a node taken out of the group or pool is out "as the API lists it" (the
    // contract's eligibility) from the first listing that shows it, since no watchdog can know it sooner.
    private void MembersListed()
    {
        if (Parameters.PeerSource == PeerSource.Static) return;
        for (var i = 0; i < Slots.Length; i++)
        {
            if (Slots[i].Instance.InGroup || !Slots[i].Member) continue;
            Slots[i].Member = false;
            UpdateStates(i);
        }
    }

    /// <summary>True while the node runs with another key and says it is in Fault (I6: it must change nothing).</summary>
    public bool InKeyFault(int node) => Slots[node].WrongKey && Slots[node].LastObservation?.Role == ExoIp.Election.NodeRole.Fault;

    /// <summary>A short text of what the node says it is.</summary>
    public string BeliefOf(int node) =>
        Slots[node].LastObservation is { } o ? $"{o.Role}, announced {o.AnnouncedRole ?? "nothing"}" : "not observed yet";

    /// <summary>The node got the answer of a check of the holders.</summary>
    public void NoteCheck(int node) => Record.Checks[node].Add(Scheduler.Now);

    /// <summary>The node got an attach or detach answer (a window where beliefs go stale).</summary>
    public void NoteAnswer(int node) => _faults.Trigger(FaultAim.ApiAnswer, node);

    /// <summary>Starts a fresh process of the node (with its configured priority, as a restarted process reads it).</summary>
    public void StartNode(int index)
    {
        var slot = Slots[index];
        var process = new SimProcess(Scheduler, index, Epoch, slot.WallOffsetTicks);
        slot.Process = process;
        slot.Lifecycle = NodeLifecycle.Running;
        slot.Priority = slot.ConfiguredPriority;
        slot.Epoch++;
        var node = _factory();
        slot.Node = node;
        node.Start(new NodeEnvironment(process.Clock, Network.SocketOf(index), new SimApiView(this, process, index), OptionsOf(slot)));
        slot.ToldHealthy = slot.Healthy;
        if (!slot.Healthy) node.SetHealthy(false);
        Observe(index);
    }

    /// <summary>Ends the node's process (SIGKILL, or the end of a stop).</summary>
    public void EndProcess(int index, bool kill)
    {
        var slot = Slots[index];
        if (kill) slot.Node?.Kill();
        slot.Process?.End();
        slot.Process = null;
        slot.Lifecycle = NodeLifecycle.Down;
        UpdateStates(index);
    }

    /// <summary>Reads the node's observation (when its process runs) and updates what depends on it.</summary>
    public void Observe(int index)
    {
        var slot = Slots[index];
        if (Refresh(index) && slot.Lifecycle == NodeLifecycle.Stopping && slot.Node!.Ended)
        {
            EndProcess(index, kill: false);
            return;
        }
        UpdateStates(index);
    }

    /// <summary>
    /// Reads the node's observation as it makes an API call, so the call is recorded under the belief it was made
    /// under (the event that made it has not ended yet).
    /// </summary>
    public void ObserveDuringCall(int index) => Refresh(index);

    // Records a change of outward state; a role change moves the belief epoch. False when the process does not run.
    private bool Refresh(int index)
    {
        var slot = Slots[index];
        if (slot.Process is not { State: ProcessState.Running } || slot.Node is not { } node) return false;
        var observation = node.Observe();
        var last = slot.LastObservation;
        slot.LastObservation = observation;
        // A node restarted with a rotation's next key already current signs with its peers' key once they showed they
        // lack its own (README, "Authenticated adverts"): its key is theirs from then on.
        if (slot.WrongKey && observation.SigningKey is { } key && SharedKeys?.Current.Id == key) slot.WrongKey = false;
        if (observation.SameOutwardState(last)) return true;
        Record.Observations.Add(new ObservationChange(Scheduler.Now, index, observation));
        if (last is null || observation.Role != last.Role) slot.Epoch++;
        if (observation.Role == ExoIp.Election.NodeRole.Master && last?.Role != ExoIp.Election.NodeRole.Master)
            _faults.Trigger(FaultAim.BecameMaster, index);
        return true;
    }

    /// <summary>Records a change of the node's eligibility or running state.</summary>
    public void UpdateStates(int index)
    {
        var slot = Slots[index];
        var eligible = slot.ComputeEligible(Api.Holds(index));
        if (eligible != slot.Eligible)
        {
            slot.Eligible = eligible;
            Record.Eligibility.Add(new StateChange(Scheduler.Now, index, eligible));
        }
        var running = slot.Process is { State: ProcessState.Running };
        if (running != slot.Running)
        {
            slot.Running = running;
            Record.Running.Add(new StateChange(Scheduler.Now, index, running));
        }
    }

    private void AfterEvent(int node)
    {
        if (node >= 0) Observe(node);
        var history = Api.History;
        if (_historySeen == history.Count) return;
        while (_historySeen < history.Count)
        {
            var change = history[_historySeen++];
            _faults.Trigger(FaultAim.HolderChange, change.Instance < Slots.Length ? change.Instance : 0);
        }
        for (var i = 0; i < Slots.Length; i++) UpdateStates(i);
    }

    private WatchdogOptions OptionsOf(NodeSlot slot)
    {
        var peers = new List<IPAddress>();
        foreach (var other in Slots)
            if (other != slot) peers.Add(other.Address);
        var source = Parameters.PeerSource;
        return new WatchdogOptions
        {
            Name = "sim-" + slot.Index,
            ElasticIp = _elasticIp,
            InstanceId = slot.Instance.Guid,
            Priority = slot.Priority,
            Bind = new IPEndPoint(slot.Address, WatchdogOptions.DefaultPort),
            Peers = source == PeerSource.Static ? peers : null,
            PeerGroup = source == PeerSource.SecurityGroup ? Api.SecurityGroupName : null,
            InstancePool = source == PeerSource.InstancePool ? Api.InstancePoolName : null,
            Interval = slot.Interval,
            DeadRatio = Parameters.DeadRatio,
            Skew = Parameters.Skew,
            ReconcileInterval = Parameters.ReconcileInterval,
            PeerRefreshInterval = Parameters.PeerRefreshInterval,
            ApiTimeout = Parameters.ApiTimeout,
            AuthKeys = slot.AuthKeys,
        };
    }

    // Distinct priorities mostly; sometimes ties (the tie-break decides), sometimes all equal (the default 10).
    private static byte[] DrawPriorities(System.Random random, int count)
    {
        var priorities = new byte[count];
        var style = random.Next(4);
        for (var i = 0; i < count; i++)
            priorities[i] = style switch
            {
                0 => 10,
                1 => (byte)(10 + 10 * random.Next(2)),
                _ => (byte)(10 + 10 * i),
            };
        // Shuffle so node 0 is not always the preferred one.
        for (var i = count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (priorities[i], priorities[j]) = (priorities[j], priorities[i]);
        }
        return priorities;
    }
}
