using System.Text.Json.Serialization;

namespace ExoIp.Exoscale;

/// <summary>A reference to another resource, <c>{"id": "..."}</c>.</summary>
public sealed class ResourceReference
{
    /// <summary>The referenced resource's id.</summary>
    [JsonPropertyName("id")] public string Id { get; set; } = string.Empty;

    /// <summary>A link to it, when the API gives one.</summary>
    [JsonPropertyName("link")] public string? Link { get; set; }

    /// <summary>The command that produced it (operations only).</summary>
    [JsonPropertyName("command")] public string? Command { get; set; }
}
