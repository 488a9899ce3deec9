using System.Text.Json.Serialization;

namespace ExoIp.Exoscale;

/// <summary>What manages an instance: <c>{"id": "...", "type": "instance-pool"}</c> (or an SKS node pool).</summary>
public sealed class ResourceManager
{
    /// <summary>The Instance Pool's type name.</summary>
    public const string InstancePoolType = "instance-pool";

    /// <summary>The manager's id.</summary>
    [JsonPropertyName("id")] public string Id { get; set; } = string.Empty;

    /// <summary>instance-pool or sks-nodepool.</summary>
    [JsonPropertyName("type")] public string? Type { get; set; }
}
