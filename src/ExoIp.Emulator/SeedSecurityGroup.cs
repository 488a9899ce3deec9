using System.Text.Json.Serialization;

namespace ExoIp.Emulator;

/// <summary>A security group in a seed.</summary>
public sealed class SeedSecurityGroup
{
    /// <summary>The group's id.</summary>
    [JsonPropertyName("id")] public string Id { get; set; } = string.Empty;

    /// <summary>The group's name.</summary>
    [JsonPropertyName("name")] public string Name { get; set; } = string.Empty;
}
