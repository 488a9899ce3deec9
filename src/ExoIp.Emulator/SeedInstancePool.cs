using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace ExoIp.Emulator;

/// <summary>An Instance Pool in a seed; its members are the instances whose <c>instance-pool</c> names it.</summary>
public sealed class SeedInstancePool
{
    /// <summary>The pool's id.</summary>
    [JsonPropertyName("id")] public string Id { get; set; } = string.Empty;

    /// <summary>The pool's name.</summary>
    [JsonPropertyName("name")] public string Name { get; set; } = string.Empty;

    /// <summary>Its zone; null for the emulator's zone.</summary>
    [JsonPropertyName("zone")] public string? Zone { get; set; }

    /// <summary>Ids of the Elastic IPs the pool attaches to its members (as the real pool's <c>elastic-ips</c>).</summary>
    [JsonPropertyName("elastic-ips")] public List<string> ElasticIps { get; set; } = [];
}
