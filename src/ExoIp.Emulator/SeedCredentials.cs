using System.Text.Json.Serialization;

namespace ExoIp.Emulator;

/// <summary>An API key and secret the emulator accepts (test credentials: a snapshot shows the secret).</summary>
public sealed class SeedCredentials
{
    /// <summary>The API key.</summary>
    [JsonPropertyName("key")] public string Key { get; set; } = string.Empty;

    /// <summary>The API secret.</summary>
    [JsonPropertyName("secret")] public string Secret { get; set; } = string.Empty;
}
