using System.Text.Json.Serialization;
using ExoIp.Exoscale;

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

    /// <summary>The health check that makes it a managed Elastic IP; null for an ordinary one.</summary>
    [JsonPropertyName("healthcheck")] public ElasticIpHealthcheck? Healthcheck { get; set; }
}
