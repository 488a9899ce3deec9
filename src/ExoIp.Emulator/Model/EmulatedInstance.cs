using System.Collections.Generic;

namespace ExoIp.Emulator.Model;

/// <summary>An instance as the emulator keeps it; mutable, guarded by the state's lock.</summary>
internal sealed class EmulatedInstance(string id, string name, string state, string? publicIp, string zone, IReadOnlyList<string> securityGroupIds)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    public string State { get; set; } = state;

    public string? PublicIp { get; } = publicIp;

    public string Zone { get; } = zone;

    public IReadOnlyList<string> SecurityGroupIds { get; } = securityGroupIds;

    /// <summary>The Instance Pool that manages it, if any.</summary>
    public string? InstancePoolId { get; set; }

    /// <summary>Attached Elastic IP ids, in the order they were attached.</summary>
    public List<string> ElasticIpIds { get; } = [];
}
