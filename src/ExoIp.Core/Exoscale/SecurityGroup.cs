using System.Text.Json.Serialization;

namespace ExoIp.Exoscale;

/// <summary>An Exoscale security group.</summary>
public sealed class SecurityGroup
{
    /// <summary>The group's id.</summary>
    [JsonPropertyName("id")] public string Id { get; set; } = string.Empty;

    /// <summary>The group's name.</summary>
    [JsonPropertyName("name")] public string Name { get; set; } = string.Empty;

    /// <summary>Free text.</summary>
    [JsonPropertyName("description")] public string? Description { get; set; }
}
