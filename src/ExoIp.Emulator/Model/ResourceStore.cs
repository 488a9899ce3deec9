using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace ExoIp.Emulator.Model;

/// <summary>
/// The emulator's resources, operations and holder history. Not thread-safe: <see cref="EmulatorState"/>
/// guards it. A seed loads into a fresh store, so a bad seed leaves the current one untouched.
/// </summary>
internal sealed class ResourceStore
{
    private static readonly HashSet<string> InstanceStates = new(StringComparer.Ordinal)
    {
        "starting", "running", "stopping", "stopped", "migrating", "error", "destroying", "destroyed", "expunging",
    };

    private readonly Dictionary<string, SeedCredentials> _credentials = new(StringComparer.Ordinal);
    private readonly OrderedDictionary<string, EmulatedInstancePool> _instancePools = new(StringComparer.Ordinal);
    private readonly OrderedDictionary<string, string> _securityGroups = new(StringComparer.Ordinal);
    private readonly OrderedDictionary<string, EmulatedElasticIp> _elasticIps = new(StringComparer.Ordinal);
    private readonly OrderedDictionary<string, EmulatedInstance> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EmulatedOperation> _operations = new(StringComparer.Ordinal);
    private readonly List<EmulatedOperation> _pending = [];
    private readonly List<HolderChange> _history = [];
    private readonly OrderedDictionary<string, string> _otherZones = new(StringComparer.Ordinal);
    private TimeSpan _operationDelay;

    public ResourceStore(string zone, TimeSpan operationDelay)
    {
        Zone = RequireText(zone, nameof(zone));
        OperationDelay = operationDelay;
    }

    public string Zone { get; }

    public TimeSpan OperationDelay
    {
        get => _operationDelay;
        set => _operationDelay = value >= TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), "The operation delay cannot be negative.");
    }

    public string? MetadataInstanceId { get; private set; }

    /// <summary>How accepted operations end.</summary>
    public OperationEnding OperationEnding { get; set; }

    /// <summary>The answer to attaching what is attached or detaching what is not (an assumption: see the README).</summary>
    public RepeatedChangeAnswer RepeatedChangeAnswer { get; set; }

    /// <summary>Zones other than <see cref="Zone"/> that <c>GET /zone</c> lists, by name, with their API endpoints.</summary>
    public IEnumerable<KeyValuePair<string, string>> OtherZones => _otherZones;

    /// <summary>Lists another zone, served at <paramref name="apiEndpoint"/>.</summary>
    public void AddZone(string name, string apiEndpoint)
    {
        if (RequireText(name, nameof(name)) == Zone || !_otherZones.TryAdd(name, RequireText(apiEndpoint, nameof(apiEndpoint))))
            throw new InvalidOperationException($"Zone {name} already exists.");
    }

    public IReadOnlyList<HolderChange> History => _history;

    public static ResourceStore FromSeed(EmulatorSeed seed, string defaultZone, TimeSpan defaultDelay, DateTimeOffset now)
    {
        var delay = seed.OperationDelayMs is { } ms ? TimeSpan.FromMilliseconds(ms) : defaultDelay;
        var store = new ResourceStore(seed.Zone ?? defaultZone, delay);
        foreach (var c in seed.Credentials) store.AddCredentials(c);
        foreach (var g in seed.SecurityGroups) store.AddSecurityGroup(g.Id, g.Name);
        foreach (var e in seed.ElasticIps) store.AddElasticIp(e);
        foreach (var p in seed.InstancePools) store.AddInstancePool(p);
        foreach (var i in seed.Instances) store.AddInstance(i, now);
        store.SetMetadataInstance(seed.MetadataInstance);
        store.OperationEnding = seed.OperationEnding ?? OperationEnding.Success;
        store.RepeatedChangeAnswer = seed.RepeatedChangeAnswer ?? RepeatedChangeAnswer.BadRequest;
        foreach (var z in seed.Zones) store.AddZone(z.Name, z.ApiEndpoint);
        return store;
    }

    public EmulatorSeed ToSeed() => new()
    {
        Zone = Zone,
        Credentials = _credentials.Values
            .Select(c => new SeedCredentials { Key = c.Key, Secret = c.Secret, Operations = c.Operations?.ToList() }).ToList(),
        InstancePools = _instancePools.Values
            .Select(p => new SeedInstancePool { Id = p.Id, Name = p.Name, Zone = p.Zone, ElasticIps = [.. p.ElasticIpIds] }).ToList(),
        SecurityGroups = _securityGroups.Select(g => new SeedSecurityGroup { Id = g.Key, Name = g.Value }).ToList(),
        ElasticIps = _elasticIps.Values
            .Select(e => new SeedElasticIp { Id = e.Id, Ip = e.Ip, Zone = e.Zone, Description = e.Description, Healthcheck = e.Healthcheck }).ToList(),
        Instances = _instances.Values.Select(i => new SeedInstance
        {
            Id = i.Id, Name = i.Name, State = i.State, PublicIp = i.PublicIp, Zone = i.Zone,
            SecurityGroups = [.. i.SecurityGroupIds], ElasticIps = [.. i.ElasticIpIds], InstancePool = i.InstancePoolId,
        }).ToList(),
        MetadataInstance = MetadataInstanceId,
        OperationDelayMs = (int)OperationDelay.TotalMilliseconds,
        OperationEnding = OperationEnding,
        RepeatedChangeAnswer = RepeatedChangeAnswer,
        Zones = _otherZones.Select(z => new SeedZone { Name = z.Key, ApiEndpoint = z.Value }).ToList(),
    };

    public void AddCredentials(SeedCredentials credentials)
    {
        RequireText(credentials.Key, "key");
        if (string.IsNullOrEmpty(credentials.Secret)) throw new ArgumentException("The API secret is empty.", nameof(credentials));
        var copy = new SeedCredentials { Key = credentials.Key, Secret = credentials.Secret, Operations = credentials.Operations?.ToList() };
        if (!_credentials.TryAdd(copy.Key, copy)) throw new InvalidOperationException($"API key {copy.Key} already exists.");
    }

    public bool TryGetSecret(string key, out string secret)
    {
        var found = _credentials.TryGetValue(key, out var credentials);
        secret = found ? credentials!.Secret : null!;
        return found;
    }

    /// <summary>True when the key's operations allow this one (a key without a list may call everything).</summary>
    public bool Allows(string key, string operation) =>
        _credentials.TryGetValue(key, out var credentials) && (credentials.Operations is null || credentials.Operations.Contains(operation));

    public void AddInstancePool(SeedInstancePool seed)
    {
        RequireText(seed.Id, "id");
        if (_instancePools.ContainsKey(seed.Id)) throw new InvalidOperationException($"Instance Pool {seed.Id} already exists.");
        var unknown = seed.ElasticIps.FirstOrDefault(e => !_elasticIps.ContainsKey(e));
        if (unknown is not null) throw new ArgumentException($"Instance Pool {seed.Id}: Elastic IP {unknown} does not exist.", nameof(seed));
        _instancePools.Add(seed.Id, new EmulatedInstancePool(seed.Id, RequireText(seed.Name, "name"), seed.Zone ?? Zone, seed.ElasticIps.Distinct().ToList()));
    }

    /// <summary>Puts an instance into a pool, or takes it out of its pool (null).</summary>
    public void SetInstancePool(string instanceId, string? poolId)
    {
        var instance = Instance(instanceId);
        if (poolId is not null && !_instancePools.ContainsKey(poolId))
            throw new KeyNotFoundException($"Instance Pool {poolId} does not exist.");
        instance.InstancePoolId = poolId;
    }

    public IEnumerable<EmulatedInstancePool> VisibleInstancePools => _instancePools.Values.Where(p => p.Zone == Zone);

    public EmulatedInstancePool VisibleInstancePool(string id) =>
        _instancePools.TryGetValue(id, out var pool) && pool.Zone == Zone ? pool : throw ApiProblem.NotFound("instance-pool", id);

    public IEnumerable<EmulatedInstance> MembersOf(string poolId) => _instances.Values.Where(i => i.InstancePoolId == poolId);

    /// <summary>The addresses list-instances' <c>ip-address</c> filter matches: the public IP and the attached Elastic IPs.</summary>
    public bool HasAddress(EmulatedInstance instance, string address) =>
        instance.PublicIp == address || instance.ElasticIpIds.Any(id => _elasticIps[id].Ip == address);

    public void AddSecurityGroup(string id, string name)
    {
        RequireText(id, nameof(id));
        if (!_securityGroups.TryAdd(id, RequireText(name, nameof(name))))
            throw new InvalidOperationException($"Security group {id} already exists.");
    }

    public void AddElasticIp(SeedElasticIp seed)
    {
        RequireText(seed.Id, "id");
        if (!IPAddress.TryParse(seed.Ip, out var address))
            throw new ArgumentException($"Elastic IP {seed.Id}: '{seed.Ip}' is not an IP address.", nameof(seed));
        if (_elasticIps.ContainsKey(seed.Id)) throw new InvalidOperationException($"Elastic IP {seed.Id} already exists.");
        if (seed.Healthcheck is { } check && (check.Mode is not ("tcp" or "http" or "https") || check.Port is < 1 or > 65535))
            throw new ArgumentException($"Elastic IP {seed.Id}: a health check needs a mode (tcp, http, https) and a port from 1 to 65535.", nameof(seed));
        _elasticIps.Add(seed.Id, new EmulatedElasticIp(seed.Id, address.ToString(), seed.Zone ?? Zone, seed.Description, seed.Healthcheck));
    }

    public void AddInstance(SeedInstance seed, DateTimeOffset now)
    {
        RequireText(seed.Id, "id");
        if (_instances.ContainsKey(seed.Id)) throw new InvalidOperationException($"Instance {seed.Id} already exists.");
        RequireState(seed.State);
        if (!string.IsNullOrEmpty(seed.PublicIp) && !IPAddress.TryParse(seed.PublicIp, out _))
            throw new ArgumentException($"Instance {seed.Id}: '{seed.PublicIp}' is not an IP address.", nameof(seed));
        var unknownGroup = seed.SecurityGroups.FirstOrDefault(g => !_securityGroups.ContainsKey(g));
        if (unknownGroup is not null)
            throw new ArgumentException($"Instance {seed.Id}: security group {unknownGroup} does not exist.", nameof(seed));
        var zone = seed.Zone ?? Zone;
        foreach (var eipId in seed.ElasticIps)
        {
            if (!_elasticIps.TryGetValue(eipId, out var eip))
                throw new ArgumentException($"Instance {seed.Id}: Elastic IP {eipId} does not exist.", nameof(seed));
            if (eip.Zone != zone)
                throw new ArgumentException($"Instance {seed.Id} is in {zone}, Elastic IP {eipId} in {eip.Zone}.", nameof(seed));
        }

        if (seed.InstancePool is not null && !_instancePools.ContainsKey(seed.InstancePool))
            throw new ArgumentException($"Instance {seed.Id}: Instance Pool {seed.InstancePool} does not exist.", nameof(seed));

        var instance = new EmulatedInstance(
            seed.Id, RequireText(seed.Name, "name"), seed.State, NullIfEmpty(seed.PublicIp), zone, seed.SecurityGroups.Distinct().ToList())
        {
            InstancePoolId = seed.InstancePool,
        };
        _instances.Add(instance.Id, instance);
        foreach (var eipId in seed.ElasticIps.Distinct()) Attach(instance, _elasticIps[eipId], now, string.Empty);
    }

    public void SetInstanceState(string id, string state) => Instance(id).State = RequireState(state);

    public void RemoveInstance(string id, DateTimeOffset now)
    {
        var instance = Instance(id);
        foreach (var eipId in instance.ElasticIpIds.ToList()) Detach(instance, _elasticIps[eipId], now, string.Empty);
        _instances.Remove(id);
        if (MetadataInstanceId == id) MetadataInstanceId = null;
    }

    public void SetMetadataInstance(string? id)
    {
        if (id is not null) Instance(id);
        MetadataInstanceId = id;
    }

    /// <summary>Any instance, whatever its zone (for seeding and inspection).</summary>
    public EmulatedInstance Instance(string id) =>
        _instances.TryGetValue(id, out var instance) ? instance : throw new KeyNotFoundException($"Instance {id} does not exist.");

    public bool TryGetInstance(string id, out EmulatedInstance instance) => _instances.TryGetValue(id, out instance!);

    /// <summary>Finds an Elastic IP of any zone by id or address (for inspection).</summary>
    public EmulatedElasticIp ResolveElasticIp(string idOrAddress) =>
        _elasticIps.TryGetValue(idOrAddress, out var byId) ? byId
        : _elasticIps.Values.FirstOrDefault(e => e.Ip == idOrAddress || (IPAddress.TryParse(idOrAddress, out var a) && e.Ip == a.ToString()))
          ?? throw new KeyNotFoundException($"Elastic IP {idOrAddress} does not exist.");

    public IReadOnlyList<string> HoldersOf(string elasticIpId) =>
        _instances.Values.Where(i => i.ElasticIpIds.Contains(elasticIpId)).Select(i => i.Id).ToList();

    public IEnumerable<EmulatedElasticIp> VisibleElasticIps => _elasticIps.Values.Where(e => e.Zone == Zone);

    public IEnumerable<EmulatedInstance> VisibleInstances => _instances.Values.Where(i => i.Zone == Zone);

    public IEnumerable<KeyValuePair<string, string>> SecurityGroups => _securityGroups;

    public EmulatedElasticIp VisibleElasticIp(string id) =>
        _elasticIps.TryGetValue(id, out var eip) && eip.Zone == Zone ? eip : throw ApiProblem.NotFound("elastic-ip", id);

    public EmulatedInstance VisibleInstance(string id) =>
        _instances.TryGetValue(id, out var instance) && instance.Zone == Zone ? instance : throw ApiProblem.NotFound("instance", id);

    public string SecurityGroupName(string id) =>
        _securityGroups.TryGetValue(id, out var name) ? name : throw ApiProblem.NotFound("security-group", id);

    public EmulatedOperation Operation(string id) =>
        _operations.TryGetValue(id, out var operation) ? operation : throw ApiProblem.NotFound("operation", id);

    /// <summary>
    /// Accepts an attach or detach as the API does: checks it against the state as it will be once the
    /// pending operations applied, so an attach repeated before the first applied is refused too.
    /// </summary>
    public EmulatedOperation Request(bool attach, string elasticIpId, string instanceId, DateTimeOffset now)
    {
        var eip = VisibleElasticIp(elasticIpId);
        if (!_instances.TryGetValue(instanceId, out var instance)) throw ApiProblem.NotFound("instance", instanceId);
        if (instance.Zone != eip.Zone)
            throw ApiProblem.BadRequest($"Instance {instanceId} is in zone {instance.Zone}, Elastic IP {eip.Id} in {eip.Zone}.");
        var held = _pending.Where(o => o.ElasticIpId == eip.Id && o.InstanceId == instanceId)
            .Aggregate(instance.ElasticIpIds.Contains(eip.Id), (_, o) => o.Attach);
        var plan = attach == held ? Repeated(attach, eip.Id, instanceId) : OperationEnding switch
        {
            OperationEnding.TimeoutApplied => OperationPlan.ApplyThenTimeOut,
            OperationEnding.TimeoutNotApplied => OperationPlan.TimeOut,
            _ => OperationPlan.Apply,
        };

        var operation = new EmulatedOperation(Guid.NewGuid().ToString(), attach, eip.Id, instanceId, now + OperationDelay, plan);
        _operations.Add(operation.Id, operation);
        _pending.Add(operation);
        return operation;
    }

    // The real answer is undocumented: RepeatedChangeAnswer chooses one (README: an assumption).
    private OperationPlan Repeated(bool attach, string elasticIpId, string instanceId)
    {
        var message = $"Elastic IP {elasticIpId} is {(attach ? "already" : "not")} attached to instance {instanceId}.";
        return RepeatedChangeAnswer switch
        {
            RepeatedChangeAnswer.NotFound => throw new ApiProblem(404, message),
            RepeatedChangeAnswer.Conflict => throw new ApiProblem(409, message),
            RepeatedChangeAnswer.OperationConflict => OperationPlan.FailConflict,
            RepeatedChangeAnswer.OperationIncorrect => OperationPlan.FailIncorrect,
            _ => throw ApiProblem.BadRequest(message),
        };
    }

    /// <summary>Applies every operation due by <paramref name="now"/>, in the order they fell due.</summary>
    public void Settle(DateTimeOffset now)
    {
        if (_pending.Count == 0) return;
        var due = _pending.Where(o => o.Due <= now).OrderBy(o => o.Due).ToList();
        foreach (var operation in due)
        {
            _pending.Remove(operation);
            Apply(operation);
        }
    }

    private void Apply(EmulatedOperation operation)
    {
        var eip = _elasticIps[operation.ElasticIpId];
        if (!_instances.TryGetValue(operation.InstanceId, out var instance))
        {
            operation.Fail("not-found", $"Instance {operation.InstanceId} no longer exists.");
            return;
        }

        var conflict = $"Elastic IP {eip.Id} is {(operation.Attach ? "already" : "not")} attached to instance {instance.Id}.";
        switch (operation.Plan)
        {
            case OperationPlan.FailConflict:
                operation.Fail("conflict", conflict);
                return;
            case OperationPlan.FailIncorrect:
                operation.Fail("incorrect", conflict);
                return;
            case OperationPlan.TimeOut:
                operation.TimeOut();
                return;
        }

        if (operation.Attach == instance.ElasticIpIds.Contains(eip.Id))
        {
            // Only reachable when the instance was replaced while the operation was pending.
            operation.Fail("conflict", conflict);
            return;
        }

        if (operation.Attach) Attach(instance, eip, operation.Due, operation.Id);
        else Detach(instance, eip, operation.Due, operation.Id);
        if (operation.Plan == OperationPlan.ApplyThenTimeOut) operation.TimeOut();
        else operation.Succeed();
    }

    private void Attach(EmulatedInstance instance, EmulatedElasticIp eip, DateTimeOffset time, string operationId)
    {
        instance.ElasticIpIds.Add(eip.Id);
        _history.Add(new HolderChange(time, eip.Id, eip.Ip, instance.Id, "attach", operationId));
    }

    private void Detach(EmulatedInstance instance, EmulatedElasticIp eip, DateTimeOffset time, string operationId)
    {
        instance.ElasticIpIds.Remove(eip.Id);
        _history.Add(new HolderChange(time, eip.Id, eip.Ip, instance.Id, "detach", operationId));
    }

    private static string RequireState(string state) =>
        InstanceStates.Contains(state)
            ? state
            : throw new ArgumentException($"'{state}' is not an instance state ({string.Join(", ", InstanceStates)}).", nameof(state));

    private static string RequireText(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"The {name} is empty.", name) : value;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
