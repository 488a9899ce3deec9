using System;
using System.Collections.Generic;
using ExoIp.Exoscale;

namespace ExoIp.Simulation;

/// <summary>
/// The API's server side: the instances (the nodes', then the stray's), one Elastic IP, the peers' security group
/// and Instance Pool; it records every applied change of holders to the tick and every attach or detach call.
/// </summary>
public sealed class SimApi
{
    private readonly Scheduler _scheduler;
    private ulong _holders;

    /// <summary>Creates the API's state for <paramref name="instances"/>.</summary>
    public SimApi(Scheduler scheduler, IReadOnlyList<SimInstance> instances, Guid elasticIpId, string elasticIpAddress)
    {
        _scheduler = scheduler;
        Instances = instances;
        ElasticIpId = elasticIpId.ToString();
        ElasticIpAddress = elasticIpAddress;
        History.Add(new HolderChange(0, 0, -1, false, -1));
    }

    /// <summary>Every instance; index = its bit in the holders.</summary>
    public IReadOnlyList<SimInstance> Instances { get; }

    /// <summary>The Elastic IP's id.</summary>
    public string ElasticIpId { get; }

    /// <summary>The Elastic IP's address.</summary>
    public string ElasticIpAddress { get; }

    /// <summary>The peers' security group.</summary>
    public string SecurityGroupId { get; } = "5c0e3a4e-0000-4000-8000-00000000c0de";

    /// <summary>Its name.</summary>
    public string SecurityGroupName => "exoip-peers";

    /// <summary>The peers' Instance Pool.</summary>
    public string InstancePoolId { get; } = "9001a11e-0000-4000-8000-000000000001";

    /// <summary>Its name.</summary>
    public string InstancePoolName => "exoip-pool";

    /// <summary>The holders now, a bit per instance.</summary>
    public ulong Holders => _holders;

    /// <summary>Every change of holders, beginning with "nobody" at 0.</summary>
    public List<HolderChange> History { get; } = new();

    /// <summary>Every attach or detach call a node made.</summary>
    public List<MutationRecord> Mutations { get; } = new();

    /// <summary>True when the instance holds the Elastic IP.</summary>
    public bool Holds(int instance) => (_holders & (1UL << instance)) != 0;

    /// <summary>Attaches or detaches now; true when the holders changed.</summary>
    public bool Apply(int instance, bool attach, int byNode)
    {
        var after = attach ? _holders | (1UL << instance) : _holders & ~(1UL << instance);
        if (after == _holders) return false;
        _holders = after;
        History.Add(new HolderChange(_scheduler.Now, after, instance, attach, byNode));
        return true;
    }

    /// <summary>The instance with this id, or -1.</summary>
    public int IndexOf(string id)
    {
        for (var i = 0; i < Instances.Count; i++)
            if (string.Equals(Instances[i].Id, id, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    /// <summary>The Elastic IP as the API describes it.</summary>
    public ElasticIp ElasticIp() => new() { Id = ElasticIpId, Ip = ElasticIpAddress, AddressFamily = "inet4" };

    /// <summary>GET /instance/{id}.</summary>
    /// <exception cref="ExoscaleNotFoundException">No such instance.</exception>
    public Instance GetInstance(string id)
    {
        var index = IndexOf(id);
        if (index < 0) throw new ExoscaleNotFoundException($"Instance {id} not found.", "instance", id);
        return Instances[index].ToInstance(this, withElasticIps: true);
    }

    /// <summary>Called when a listing of the group's or the pool's members is read (a node's peer refresh).</summary>
    public Action? MembersListed { get; set; }

    /// <summary>GET /instance?ip-address=: the instances with that public IP or holding that Elastic IP.</summary>
    public IReadOnlyList<Instance> ListInstances(string? ipAddress)
    {
        if (ipAddress is null) MembersListed?.Invoke(); // every instance: a security group's members are picked from it
        var list = new List<Instance>();
        foreach (var instance in Instances)
        {
            if (ipAddress is null || instance.PublicIp == ipAddress || (ipAddress == ElasticIpAddress && Holds(instance.Index)))
                list.Add(instance.ToInstance(this, withElasticIps: false));
        }
        return list;
    }

    /// <summary>The pool's members with their addresses.</summary>
    public IReadOnlyList<Instance> ListPoolMembers(string poolId)
    {
        var list = new List<Instance>();
        if (poolId != InstancePoolId) return list;
        MembersListed?.Invoke();
        foreach (var instance in Instances)
            if (instance.InPool) list.Add(instance.ToInstance(this, withElasticIps: false));
        return list;
    }

    /// <summary>The pool, by id or name.</summary>
    /// <exception cref="ExoscaleNotFoundException">No such pool.</exception>
    public InstancePool ResolvePool(string nameOrId)
    {
        if (nameOrId != InstancePoolId && nameOrId != InstancePoolName)
            throw new ExoscaleNotFoundException($"No Instance Pool is named '{nameOrId}'.", "instance-pool", nameOrId);
        var members = new List<ResourceReference>();
        foreach (var instance in Instances)
            if (instance.InPool) members.Add(new ResourceReference { Id = instance.Id });
        return new InstancePool { Id = InstancePoolId, Name = InstancePoolName, State = "running", Size = members.Count, Instances = members, ElasticIps = new List<ResourceReference>() };
    }

    /// <summary>The one security group.</summary>
    public SecurityGroup Group() => new() { Id = SecurityGroupId, Name = SecurityGroupName };
}
