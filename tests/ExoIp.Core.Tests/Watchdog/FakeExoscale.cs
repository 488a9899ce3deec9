using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Exoscale;

namespace ExoIp.Tests.Watchdog;

/// <summary>
/// A test double of the Exoscale API for the deterministic engine tests: it holds instances, security groups
/// and Elastic IPs, attaches and detaches like the real client (check, then act, idempotent), records every
/// call and every change of holders, and takes <see cref="Delay"/> of fake time per call.
/// </summary>
internal sealed class FakeExoscale : IExoscaleClient
{
    private readonly object _lock = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<string, FakeInstance> _instances = new();
    private readonly List<ElasticIp> _elasticIps = new();
    private readonly Dictionary<string, InstancePool> _pools = new();
    private readonly List<SecurityGroup> _groups = new();
    private readonly List<FakeCall> _calls = new();
    private readonly List<Mutation> _mutations = new();
    private readonly Dictionary<string, List<(DateTimeOffset At, string[] Holders)>> _history = new();
    private readonly Dictionary<string, int> _faults = new();
    private readonly HashSet<string> _refused = new();
    private int _waitingOnTime;

    public FakeExoscale(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>How long each call takes, in fake time.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>When set, calls never answer (until cancelled).</summary>
    public bool Hang { get; set; }

    /// <summary>Calls waiting for fake time to pass (the cluster is idle when nothing else runs).</summary>
    public int WaitingOnTime => Volatile.Read(ref _waitingOnTime);

    public ElasticIp AddElasticIp(string address)
    {
        var elasticIp = new ElasticIp { Id = Guid.NewGuid().ToString(), Ip = address, AddressFamily = "inet4" };
        lock (_lock)
        {
            _elasticIps.Add(elasticIp);
            _history[elasticIp.Id] = new List<(DateTimeOffset, string[])>();
        }
        return elasticIp;
    }

    public void AddInstance(Guid id, string publicIp, string state = "running", params string[] groups)
    {
        lock (_lock) _instances[id.ToString()] = new FakeInstance(id.ToString(), publicIp, state, groups.ToList());
    }

    public void AddSecurityGroup(string id, string name)
    {
        lock (_lock) _groups.Add(new SecurityGroup { Id = id, Name = name });
    }

    public void SetGroups(Guid instance, params string[] groups)
    {
        lock (_lock) _instances[instance.ToString()].Groups = groups.ToList();
    }

    /// <summary>The next <paramref name="count"/> calls of <paramref name="method"/> (e.g. "AttachElasticIp") fail with a 503.</summary>
    public void FailNext(string method, int count)
    {
        lock (_lock) _faults[method] = count;
    }

    /// <summary>Every attach to <paramref name="instance"/> is refused with a 403, as for a key whose IAM role lacks the operation.</summary>
    public void RefuseAttachTo(Guid instance)
    {
        lock (_lock) _refused.Add(instance.ToString());
    }

    /// <summary>Attaches or detaches behind the watchdogs' backs (an operator, another tool).</summary>
    public void Set(string elasticIpId, Guid instance, bool attached)
    {
        lock (_lock) Change(elasticIpId, instance.ToString(), attached);
    }

    public IReadOnlyList<string> HoldersOf(string elasticIpId)
    {
        lock (_lock) return _instances.Values.Where(i => i.ElasticIps.Contains(elasticIpId)).Select(i => i.Id).OrderBy(i => i).ToList();
    }

    public IReadOnlyList<FakeCall> Calls
    {
        get { lock (_lock) return _calls.ToList(); }
    }

    public IReadOnlyList<Mutation> Mutations
    {
        get { lock (_lock) return _mutations.ToList(); }
    }

    /// <summary>Every change of the Elastic IP's holders, in order.</summary>
    public IReadOnlyList<(DateTimeOffset At, string[] Holders)> History(string elasticIpId)
    {
        lock (_lock) return _history[elasticIpId].ToList();
    }

    /// <summary>The longest stretch with no holder after the first holder appeared, up to now.</summary>
    public TimeSpan LongestWithoutHolder(string elasticIpId)
    {
        var history = History(elasticIpId);
        var longest = TimeSpan.Zero;
        DateTimeOffset? emptySince = null;
        var seenHolder = false;
        foreach (var (at, holders) in history)
        {
            if (holders.Length > 0)
            {
                if (emptySince is { } since && at - since > longest) longest = at - since;
                emptySince = null;
                seenHolder = true;
            }
            else if (seenHolder)
            {
                emptySince ??= at;
            }
        }
        if (emptySince is { } open && _time.GetUtcNow() - open > longest) longest = _time.GetUtcNow() - open;
        return longest;
    }

    public Task<IReadOnlyList<ElasticIp>> ListElasticIpsAsync(CancellationToken cancellationToken = default) =>
        Call("ListElasticIps", null, cancellationToken, () => (IReadOnlyList<ElasticIp>)_elasticIps.ToList());

    public Task<ElasticIp> GetElasticIpAsync(string id, CancellationToken cancellationToken = default) =>
        Call("GetElasticIp", id, cancellationToken, () => FindElasticIp(id));

    public Task<ElasticIp> ResolveElasticIpAsync(string addressOrId, CancellationToken cancellationToken = default) =>
        Call("ResolveElasticIp", addressOrId, cancellationToken, () => FindElasticIp(addressOrId));

    public Task<Instance> GetInstanceAsync(string id, CancellationToken cancellationToken = default) =>
        Call("GetInstance", id, cancellationToken, () => FindInstance(id).ToInstance(withElasticIps: true));

    public Task<IReadOnlyList<Instance>> ListInstancesAsync(string? ipAddress = null, CancellationToken cancellationToken = default) =>
        Call("ListInstances", ipAddress, cancellationToken, () => (IReadOnlyList<Instance>)_instances.Values
            // As the real API: the address may be the public IP or an attached Elastic IP's.
            .Where(i => ipAddress is null || i.PublicIp == ipAddress || i.ElasticIps.Any(e => _elasticIps.Any(x => x.Id == e && x.Ip == ipAddress)))
            .Select(i => i.ToInstance(withElasticIps: false))
            .ToList());

    /// <summary>Adds an Instance Pool (or replaces its members): the instances it manages, the Elastic IPs it attaches.</summary>
    public void SetInstancePool(string id, string name, IEnumerable<Guid> members, params string[] elasticIps)
    {
        lock (_pools) _pools[id] = new InstancePool
        {
            Id = id, Name = name,
            Instances = members.Select(m => new ResourceReference { Id = m.ToString() }).ToList(),
            ElasticIps = elasticIps.Select(e => new ResourceReference { Id = e }).ToList(),
        };
    }

    public Task<InstancePool> ResolveInstancePoolAsync(string nameOrId, CancellationToken cancellationToken = default) =>
        Call("ResolveInstancePool", nameOrId, cancellationToken, () =>
        {
            lock (_pools)
                return _pools.Values.FirstOrDefault(p => p.Id == nameOrId || p.Name == nameOrId)
                    ?? throw new ExoscaleNotFoundException($"No Instance Pool {nameOrId}.", "instance-pool", nameOrId);
        });

    public Task<IReadOnlyList<Instance>> ListInstancePoolMembersAsync(string instancePoolId, CancellationToken cancellationToken = default) =>
        Call("ListInstancePoolMembers", instancePoolId, cancellationToken, () =>
        {
            HashSet<string> members;
            lock (_pools) members = _pools.TryGetValue(instancePoolId, out var pool) ? pool.Instances!.Select(i => i.Id).ToHashSet() : new HashSet<string>();
            return (IReadOnlyList<Instance>)_instances.Values.Where(i => members.Contains(i.Id)).Select(i => i.ToInstance(withElasticIps: false)).ToList();
        });

    public Task<IReadOnlyList<SecurityGroup>> ListSecurityGroupsAsync(CancellationToken cancellationToken = default) =>
        Call("ListSecurityGroups", null, cancellationToken, () => (IReadOnlyList<SecurityGroup>)_groups.ToList());

    public Task<SecurityGroup> GetSecurityGroupAsync(string id, CancellationToken cancellationToken = default) =>
        Call("GetSecurityGroup", id, cancellationToken, () => _groups.FirstOrDefault(g => g.Id == id)
            ?? throw new ExoscaleNotFoundException($"No security group {id}.", "security-group", id));

    public Task<Operation> GetOperationAsync(string id, CancellationToken cancellationToken = default) =>
        Call<Operation>("GetOperation", id, cancellationToken, () => throw new ExoscaleNotFoundException($"No operation {id}.", "operation", id));

    public Task<bool> AttachElasticIpAsync(string elasticIpId, string instanceId, CancellationToken cancellationToken = default,
        CancellationToken abandonBeforeChange = default) =>
        Call("AttachElasticIp", instanceId, cancellationToken, () =>
        {
            FindElasticIp(elasticIpId);
            if (FindInstance(instanceId).ElasticIps.Contains(elasticIpId)) return false;
            abandonBeforeChange.ThrowIfCancellationRequested();
            if (_refused.Contains(instanceId))
                throw new ExoscaleAuthenticationException("The API refused attach-instance-to-elastic-ip (403).", 403, "attach-instance-to-elastic-ip", permissionDenied: true);
            return Change(elasticIpId, instanceId, attached: true);
        });

    public Task<bool> DetachElasticIpAsync(string elasticIpId, string instanceId, CancellationToken cancellationToken = default,
        CancellationToken abandonBeforeChange = default) =>
        Call("DetachElasticIp", instanceId, cancellationToken, () =>
        {
            FindElasticIp(elasticIpId);
            if (!FindInstance(instanceId).ElasticIps.Contains(elasticIpId)) return false;
            abandonBeforeChange.ThrowIfCancellationRequested();
            return Change(elasticIpId, instanceId, attached: false);
        });

    // The call takes its delay first, then reads or changes the state at once, as an operation that completes.
    private async Task<T> Call<T>(string method, string? target, CancellationToken cancellationToken, Func<T> body)
    {
        var call = new FakeCall(method, target, _time.GetUtcNow());
        lock (_lock)
        {
            call.Sequence = _calls.Count;
            _calls.Add(call);
        }
        try
        {
            await WaitAsync(cancellationToken).ConfigureAwait(false);
            lock (_lock)
            {
                if (_faults.TryGetValue(method, out var left) && left > 0)
                {
                    _faults[method] = left - 1;
                    throw new ExoscaleUnavailableException($"The API answered 503 to {method}.", 503);
                }
                var result = body();
                call.Result = result;
                return result;
            }
        }
        catch (Exception ex)
        {
            call.Error = ex.GetType().Name;
            throw;
        }
        finally
        {
            call.EndedAt = _time.GetUtcNow();
        }
    }

    // Fake-time wait, counted while it waits; the timer callback (run inside FakeTimeProvider.Advance) stops the
    // count before the caller resumes, so "idle" can never be seen while a call is about to continue.
    private Task WaitAsync(CancellationToken cancellationToken)
    {
        var delay = Hang ? Timeout.InfiniteTimeSpan : Delay;
        if (delay == TimeSpan.Zero) return Task.CompletedTask;
        cancellationToken.ThrowIfCancellationRequested();
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = 0;
        ITimer? timer = null;
        void Complete(bool cancelled)
        {
            if (Interlocked.Exchange(ref finished, 1) == 1) return;
            Interlocked.Decrement(ref _waitingOnTime);
            timer?.Dispose();
            if (cancelled) done.TrySetCanceled(cancellationToken);
            else done.TrySetResult(true);
        }
        Interlocked.Increment(ref _waitingOnTime);
        if (delay != Timeout.InfiniteTimeSpan) timer = _time.CreateTimer(_ => Complete(false), null, delay, Timeout.InfiniteTimeSpan);
        cancellationToken.Register(() => Complete(true));
        return done.Task;
    }

    private bool Change(string elasticIpId, string instanceId, bool attached)
    {
        var eips = _instances[instanceId].ElasticIps;
        if (attached) eips.Add(elasticIpId);
        else eips.Remove(elasticIpId);
        var now = _time.GetUtcNow();
        _mutations.Add(new Mutation(_mutations.Count, now, attached ? "attach" : "detach", instanceId));
        _history[elasticIpId].Add((now, _instances.Values.Where(i => i.ElasticIps.Contains(elasticIpId)).Select(i => i.Id).ToArray()));
        return true;
    }

    private ElasticIp FindElasticIp(string addressOrId) =>
        _elasticIps.FirstOrDefault(e => e.Id == addressOrId || e.Ip == addressOrId)
        ?? throw new ExoscaleNotFoundException($"No Elastic IP {addressOrId}.", "elastic-ip", addressOrId);

    private FakeInstance FindInstance(string id) =>
        _instances.TryGetValue(id, out var instance) ? instance
            : throw new ExoscaleNotFoundException($"No instance {id}.", "instance", id);

    private sealed class FakeInstance
    {
        public FakeInstance(string id, string publicIp, string state, List<string> groups)
        {
            Id = id;
            PublicIp = publicIp;
            State = state;
            Groups = groups;
        }

        public string Id { get; }
        public string PublicIp { get; }
        public string State { get; }
        public List<string> Groups { get; set; }
        public HashSet<string> ElasticIps { get; } = new();

        public Instance ToInstance(bool withElasticIps) => new()
        {
            Id = Id,
            PublicIp = PublicIp,
            State = State,
            SecurityGroups = Groups.Select(g => new ResourceReference { Id = g }).ToList(),
            ElasticIps = withElasticIps ? ElasticIps.Select(e => new ResourceReference { Id = e }).ToList() : null,
        };
    }
}
