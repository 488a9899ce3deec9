using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;

namespace ExoIp.Exoscale;

/// <summary>An Exoscale compute instance, with the fields ExoIp uses.</summary>
public sealed class Instance
{
    /// <summary>The instance id (a UUID).</summary>
    [JsonPropertyName("id")] public string Id { get; set; } = string.Empty;

    /// <summary>The instance name.</summary>
    [JsonPropertyName("name")] public string? Name { get; set; }

    /// <summary>starting, running, stopping, stopped, migrating, error, destroying, destroyed, expunging.</summary>
    [JsonPropertyName("state")] public string? State { get; set; }

    /// <summary>The public IPv4 address, when it has one.</summary>
    [JsonPropertyName("public-ip")] public string? PublicIp { get; set; }

    /// <summary>Security groups the instance is a member of.</summary>
    [JsonPropertyName("security-groups")] public List<ResourceReference>? SecurityGroups { get; set; }

    /// <summary>Elastic IPs attached to the instance. Only <c>GET /instance/{id}</c> fills this, not the list.</summary>
    [JsonPropertyName("elastic-ips")] public List<ResourceReference>? ElasticIps { get; set; }

    /// <summary>What manages the instance (an Instance Pool), if anything.</summary>
    [JsonPropertyName("manager")] public ResourceManager? Manager { get; set; }

    /// <summary>True when the Elastic IP with this id is attached to the instance.</summary>
    public bool Holds(string elasticIpId) => ElasticIps?.Any(e => e.Id == elasticIpId) == true;

    /// <summary>True when the instance is a member of the security group with this id.</summary>
    public bool IsMemberOf(string securityGroupId) => SecurityGroups?.Any(g => g.Id == securityGroupId) == true;
}
