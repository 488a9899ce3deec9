using System.Collections.Generic;
using System.Linq;
using ExoIp.Emulator.Model;
using ExoIp.Exoscale;

namespace ExoIp.Emulator.Api;

/// <summary>Turns the emulator's records into the API's JSON shapes (the core's models, so both sides agree).</summary>
internal static class ApiModels
{
    public static ElasticIp ElasticIp(EmulatedElasticIp eip) => new()
    {
        Id = eip.Id,
        Ip = eip.Ip,
        AddressFamily = eip.IsIpv6 ? "inet6" : "inet4",
        Cidr = eip.Ip + (eip.IsIpv6 ? "/128" : "/32"),
        Description = eip.Description,
        Healthcheck = eip.Healthcheck,
    };

    /// <summary>An instance; the list leaves out <c>elastic-ips</c>, as the real API does.</summary>
    public static Instance Instance(EmulatedInstance instance, bool withElasticIps) => new()
    {
        Id = instance.Id,
        Name = instance.Name,
        State = instance.State,
        PublicIp = instance.PublicIp,
        SecurityGroups = References(instance.SecurityGroupIds),
        ElasticIps = withElasticIps ? References(instance.ElasticIpIds) : null,
        Manager = instance.InstancePoolId is { } pool ? new ResourceManager { Id = pool, Type = ResourceManager.InstancePoolType } : null,
    };

    /// <summary>An Instance Pool with its members and the Elastic IPs it attaches to them.</summary>
    public static InstancePool InstancePool(EmulatedInstancePool pool, IReadOnlyList<EmulatedInstance> members) => new()
    {
        Id = pool.Id,
        Name = pool.Name,
        State = "running",
        Size = members.Count,
        Instances = References(members.Select(m => m.Id)),
        ElasticIps = References(pool.ElasticIpIds),
    };

    public static SecurityGroup SecurityGroup(string id, string name) => new() { Id = id, Name = name };

    /// <summary>
    /// An operation as the real API shows it: its reference names the resource acted on, with the command that
    /// reads it (<c>get-elastic-ip</c>) and a link relative to the server.
    /// </summary>
    public static Operation Operation(EmulatedOperation operation) => new()
    {
        Id = operation.Id,
        State = operation.State,
        Reason = operation.Reason,
        Message = operation.Message,
        Reference = new ResourceReference
        {
            Id = operation.ElasticIpId,
            Link = $"/v2/elastic-ip/{operation.ElasticIpId}",
            Command = "get-elastic-ip",
        },
    };

    /// <summary>Empty lists are left out: clients must cope with a missing list anyway.</summary>
    private static List<ResourceReference>? References(IEnumerable<string> ids)
    {
        var references = ids.Select(id => new ResourceReference { Id = id }).ToList();
        return references.Count == 0 ? null : references;
    }
}
