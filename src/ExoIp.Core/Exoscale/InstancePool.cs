using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;

namespace ExoIp.Exoscale;

/// <summary>An Exoscale Instance Pool, with the fields ExoIp uses.</summary>
public sealed class InstancePool
{
    /// <summary>The pool id (a UUID).</summary>
    [JsonPropertyName("id")] public string Id { get; set; } = string.Empty;

    /// <summary>The pool name.</summary>
    [JsonPropertyName("name")] public string? Name { get; set; }

    /// <summary>scaling-up, scaling-down, destroying, creating, suspended, running, updating.</summary>
    [JsonPropertyName("state")] public string? State { get; set; }

    /// <summary>How many instances the pool keeps.</summary>
    [JsonPropertyName("size")] public long? Size { get; set; }

    /// <summary>Its member instances (references only). <c>GET /instance-pool/{id}</c> fills this.</summary>
    [JsonPropertyName("instances")] public List<ResourceReference>? Instances { get; set; }

    /// <summary>Elastic IPs the pool attaches to every member.</summary>
    [JsonPropertyName("elastic-ips")] public List<ResourceReference>? ElasticIps { get; set; }

    /// <summary>True when the pool attaches the Elastic IP with this id to its members.</summary>
    public bool Carries(string elasticIpId) => ElasticIps?.Any(e => e.Id == elasticIpId) == true;
}
