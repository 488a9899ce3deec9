using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace ExoIp.Emulator;

/// <summary>An instance in a seed.</summary>
public sealed class SeedInstance
{
    /// <summary>The instance id.</summary>
    [JsonPropertyName("id")] public string Id { get; set; } = string.Empty;

    /// <summary>The instance name.</summary>
    [JsonPropertyName("name")] public string Name { get; set; } = string.Empty;

    /// <summary>running, stopped, ... (the API's instance states).</summary>
    [JsonPropertyName("state")] public string State { get; set; } = "running";

    /// <summary>The public IPv4 address; null for none.</summary>
    [JsonPropertyName("public-ip")] public string? PublicIp { get; set; }

    /// <summary>Its zone; null for the emulator's zone.</summary>
    [JsonPropertyName("zone")] public string? Zone { get; set; }

    /// <summary>Ids of the security groups it is a member of.</summary>
    [JsonPropertyName("security-groups")] public List<string> SecurityGroups { get; set; } = [];

    /// <summary>The id of the Instance Pool that manages it; null for none.</summary>
    [JsonPropertyName("instance-pool")] public string? InstancePool { get; set; }

    /// <summary>Ids of the Elastic IPs attached to it.</summary>
    [JsonPropertyName("elastic-ips")] public List<string> ElasticIps { get; set; } = [];
}
