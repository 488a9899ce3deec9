using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ExoIp.Emulator.Hosting;
using ExoIp.Emulator.Model;

namespace ExoIp.Emulator;

/// <summary>
/// The emulator's resources, credentials and operations. Thread-safe: tests seed and inspect it while the
/// API serves requests. Pending operations need no timer: whatever touches the state first applies those
/// that fell due, dated when they fell due, so every reader sees what a punctual timer would have done.
/// </summary>
public sealed class EmulatorState
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly string _startZone;
    private readonly TimeSpan _startDelay;
    private ResourceStore _store;

    internal EmulatorState(string zone, TimeSpan operationDelay, TimeProvider time)
    {
        _time = time;
        _store = new ResourceStore(zone, operationDelay);
        _startZone = _store.Zone;
        _startDelay = _store.OperationDelay;
    }

    /// <summary>The zone the API serves.</summary>
    public string Zone => Read(s => s.Zone);

    /// <summary>How long attach and detach operations stay pending.</summary>
    public TimeSpan OperationDelay
    {
        get => Read(s => s.OperationDelay);
        set => Write(s => s.OperationDelay = value);
    }

    /// <summary>How accepted attach and detach operations end (success unless set).</summary>
    public OperationEnding OperationEnding
    {
        get => Read(s => s.OperationEnding);
        set => Write(s => s.OperationEnding = value);
    }

    /// <summary>
    /// The answer to attaching an Elastic IP the instance holds or detaching one it does not: an assumption, the real
    /// answer being undocumented (400 unless set).
    /// </summary>
    public RepeatedChangeAnswer RepeatedChangeAnswer
    {
        get => Read(s => s.RepeatedChangeAnswer);
        set => Write(s => s.RepeatedChangeAnswer = value);
    }

    /// <summary>Lists another zone in <c>GET /v2/zone</c>, served at <paramref name="apiEndpoint"/> (e.g. a second emulator).</summary>
    /// <exception cref="InvalidOperationException">The zone is listed already.</exception>
    public void AddZone(string name, Uri apiEndpoint) => Write(s => s.AddZone(name, apiEndpoint.ToString().TrimEnd('/')));

    /// <summary>Adds an API key the emulator accepts.</summary>
    /// <exception cref="InvalidOperationException">The key already exists.</exception>
    public void AddCredentials(string key, string secret) => AddCredentials(new SeedCredentials { Key = key, Secret = secret });

    /// <summary>Adds an API key, optionally restricted to some operations as an IAM role would (others answer 403).</summary>
    /// <exception cref="InvalidOperationException">The key already exists.</exception>
    public void AddCredentials(SeedCredentials credentials) => Write(s => s.AddCredentials(credentials));

    /// <summary>Adds an Instance Pool; <paramref name="elasticIpIds"/> are the Elastic IPs it attaches to its members.</summary>
    public void AddInstancePool(string id, string name, IEnumerable<string>? elasticIpIds = null, string? zone = null) =>
        Write(s => s.AddInstancePool(new SeedInstancePool { Id = id, Name = name, Zone = zone, ElasticIps = elasticIpIds?.ToList() ?? [] }));

    /// <summary>Makes an instance a member of an Instance Pool, or (null) takes it out of its pool.</summary>
    /// <exception cref="KeyNotFoundException">No such instance or pool.</exception>
    public void SetInstancePool(string instanceId, string? instancePoolId) => Write(s => s.SetInstancePool(instanceId, instancePoolId));

    /// <summary>Adds an Elastic IP; <paramref name="zone"/> null means the emulator's zone.</summary>
    public void AddElasticIp(string id, string ip, string? zone = null, string? description = null) =>
        AddElasticIp(new SeedElasticIp { Id = id, Ip = ip, Zone = zone, Description = description });

    /// <summary>Adds a managed Elastic IP: one with a health check, meant to be held by several instances.</summary>
    public void AddManagedElasticIp(string id, string ip, ExoIp.Exoscale.ElasticIpHealthcheck healthcheck, string? zone = null) =>
        AddElasticIp(new SeedElasticIp { Id = id, Ip = ip, Zone = zone, Healthcheck = healthcheck });

    /// <summary>Adds an instance holding no Elastic IP; <paramref name="zone"/> null means the emulator's zone.</summary>
    /// <param name="id">Instance id.</param>
    /// <param name="name">Instance name.</param>
    /// <param name="publicIp">Its public IPv4 (empty for none).</param>
    /// <param name="state">running, stopped, ... (the API's instance states).</param>
    /// <param name="securityGroupIds">Ids of existing security groups it is a member of.</param>
    /// <param name="zone">Its zone.</param>
    public void AddInstance(
        string id, string name, string publicIp, string state = "running", IEnumerable<string>? securityGroupIds = null, string? zone = null) =>
        AddInstance(new SeedInstance
        {
            Id = id, Name = name, PublicIp = publicIp, State = state, Zone = zone, SecurityGroups = securityGroupIds?.ToList() ?? [],
        });

    /// <summary>Adds a security group.</summary>
    public void AddSecurityGroup(string id, string name) => Write(s => s.AddSecurityGroup(id, name));

    /// <summary>Changes an instance's state (the Elastic IPs it holds stay attached, as on Exoscale).</summary>
    /// <exception cref="KeyNotFoundException">No such instance.</exception>
    public void SetInstanceState(string id, string state) => Write(s => s.SetInstanceState(id, state));

    /// <summary>Removes an instance as if destroyed; the Elastic IPs it held are recorded as detached.</summary>
    /// <exception cref="KeyNotFoundException">No such instance.</exception>
    public void RemoveInstance(string id) => Write(s => s.RemoveInstance(id, Now()));

    /// <summary>Chooses the instance <c>/latest/meta-data/</c> describes; null for none.</summary>
    /// <exception cref="KeyNotFoundException">No such instance.</exception>
    public void SetDefaultMetadataInstance(string? id) => Write(s => s.SetMetadataInstance(id));

    /// <summary>
    /// Replaces everything (resources, credentials, settings, pending operations, holder history) by the seed.
    /// Instances that hold Elastic IPs in the seed are recorded as attached now. A bad seed changes nothing.
    /// </summary>
    /// <exception cref="ArgumentException">The seed is inconsistent (unknown references, bad addresses, duplicates).</exception>
    public void Load(EmulatorSeed seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        lock (_gate) _store = ResourceStore.FromSeed(seed, _startZone, _startDelay, Now());
    }

    /// <summary>Everything the emulator holds now, as a seed that <see cref="Load"/> takes back.</summary>
    public EmulatorSeed Snapshot() => Read(s => s.ToSeed());

    internal void AddElasticIp(SeedElasticIp seed) => Write(s => s.AddElasticIp(seed));

    internal void AddInstance(SeedInstance seed) => Write(s => s.AddInstance(seed, Now()));

    /// <summary>Reads the settled state under the lock (results must not escape with live references).</summary>
    internal T Read<T>(Func<ResourceStore, T> read)
    {
        lock (_gate)
        {
            _store.Settle(Now());
            return read(_store);
        }
    }

    /// <summary>
    /// Accepts an attach or detach and returns the operation as the API answers it (pending); the change
    /// applies after the operation delay, at once when it is zero.
    /// </summary>
    internal T StartOperation<T>(bool attach, string elasticIpId, string instanceId, Func<EmulatedOperation, T> describe)
    {
        lock (_gate)
        {
            var now = Now();
            _store.Settle(now);
            var operation = _store.Request(attach, elasticIpId, instanceId, now);
            return describe(operation);
        }
    }

    internal IReadOnlyList<string> HoldersOf(string elasticIpIdOrAddress) =>
        Read(s => s.HoldersOf(s.ResolveElasticIp(elasticIpIdOrAddress).Id));

    internal IReadOnlyList<HolderChange> History(string? elasticIpIdOrAddress) => Read(s =>
    {
        if (elasticIpIdOrAddress is null) return s.History.ToList();
        var id = s.ResolveElasticIp(elasticIpIdOrAddress).Id;
        return s.History.Where(c => c.ElasticIpId == id).ToList();
    });

    internal HolderStats Stats(string elasticIpIdOrAddress, DateTimeOffset? from, DateTimeOffset? to) => Read(s =>
    {
        var id = s.ResolveElasticIp(elasticIpIdOrAddress).Id;
        var changes = s.History.Where(c => c.ElasticIpId == id).ToList();
        return HolderStatistics.Compute(changes, from ?? DateTimeOffset.MinValue, to ?? Now(), s.HoldersOf(id));
    });

    private void Write(Action<ResourceStore> write) => Read(s =>
    {
        write(s);
        return 0;
    });

    private DateTimeOffset Now() => Timestamps.Now(_time);
}
