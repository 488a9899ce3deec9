using System.Text.Json.Serialization;

namespace ExoIp.Emulator;

/// <summary>An Elastic IP in a seed.</summary>
public sealed class SeedElasticIp
{
    /// <summary>The Elastic IP's id.</summary>
    [JsonPropertyName("id")] public string Id { get; set; } = string.Empty;

    /// <summary>The address, IPv4 or IPv6.</summary>
    [JsonPropertyName("ip")] public string Ip { get; set; } = string.Empty;

    /// <summary>Its zone; null for the emulator's zone.</summary>
    [JsonPropertyName("zone")] public string? Zone { get; set; }

    /// <summary>Free text.</summary>
    [JsonPropertyName("description")] public string? Description { get; set; }
}
