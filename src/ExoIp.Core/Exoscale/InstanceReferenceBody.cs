using System.Text.Json.Serialization;

namespace ExoIp.Exoscale;

/// <summary>The body of an attach or detach: <c>{"instance":{"id":"..."}}</c>.</summary>
internal sealed class InstanceReferenceBody
{
    public InstanceReferenceBody(string instanceId) => Instance = new ResourceReference { Id = instanceId };

    [JsonPropertyName("instance")] public ResourceReference Instance { get; }
}
