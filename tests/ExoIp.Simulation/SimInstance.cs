using System;
using System.Collections.Generic;
using ExoIp.Exoscale;

namespace ExoIp.Simulation;

/// <summary>An instance the API knows: a node's, or the stray one nobody watches over.</summary>
public sealed class SimInstance
{
    /// <summary>Creates an instance at <paramref name="index"/> (its bit in the holders).</summary>
    public SimInstance(int index, Guid id, string publicIp)
    {
        Index = index;
        Guid = id;
        Id = id.ToString();
        PublicIp = publicIp;
    }

    /// <summary>Its bit in <see cref="HolderChange.Holders"/>.</summary>
    public int Index { get; }

    /// <summary>Its id.</summary>
    public Guid Guid { get; }

    /// <summary>Its id as the API writes it.</summary>
    public string Id { get; }

    /// <summary>Its public IPv4.</summary>
    public string PublicIp { get; }

    /// <summary>A member of the peers' security group.</summary>
    public bool InGroup { get; set; }

    /// <summary>A member of the peers' Instance Pool.</summary>
    public bool InPool { get; set; }

    /// <summary>The API's view: the Elastic IP (when attached), the group (when a member), the pool (when managed).</summary>
    public Instance ToInstance(SimApi api, bool withElasticIps)
    {
        var instance = new Instance
        {
            Id = Id,
            Name = "node-" + Index,
            State = "running",
            PublicIp = PublicIp,
            SecurityGroups = InGroup ? new List<ResourceReference> { new() { Id = api.SecurityGroupId } } : new List<ResourceReference>(),
            Manager = InPool ? new ResourceManager { Id = api.InstancePoolId, Type = ResourceManager.InstancePoolType } : null,
        };
        if (withElasticIps)
            instance.ElasticIps = api.Holds(Index) ? new List<ResourceReference> { new() { Id = api.ElasticIpId } } : new List<ResourceReference>();
        return instance;
    }
}
