using System.Text.Json.Serialization;

namespace ExoIp.Exoscale;

/// <summary>An Exoscale zone as <c>GET /zone</c> lists it.</summary>
public sealed class ApiZone
{
    /// <summary>The zone's short name, e.g. ch-gva-2.</summary>
    [JsonPropertyName("name")] public string Name { get; set; } = string.Empty;

    /// <summary>The zone's API endpoint.</summary>
    [JsonPropertyName("api-endpoint")] public string? ApiEndpoint { get; set; }
}
