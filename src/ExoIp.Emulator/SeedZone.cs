using System.Text.Json.Serialization;

namespace ExoIp.Emulator;

/// <summary>Another zone <c>GET /v2/zone</c> lists, with its API endpoint (another emulator, say).</summary>
public sealed class SeedZone
{
    /// <summary>The zone's name, e.g. de-fra-1.</summary>
    [JsonPropertyName("name")] public string Name { get; set; } = string.Empty;

    /// <summary>Its API endpoint, <c>/v2</c> included.</summary>
    [JsonPropertyName("api-endpoint")] public string ApiEndpoint { get; set; } = string.Empty;
}
