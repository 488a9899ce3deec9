using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace ExoIp.Emulator;

/// <summary>An API key and secret the emulator accepts (test credentials: a snapshot shows the secret).</summary>
public sealed class SeedCredentials
{
    /// <summary>The API key.</summary>
    [JsonPropertyName("key")] public string Key { get; set; } = string.Empty;

    /// <summary>The API secret.</summary>
    [JsonPropertyName("secret")] public string Secret { get; set; } = string.Empty;

    /// <summary>
    /// The API operations the key may call (operationIds such as <c>list-instances</c>), as an IAM role restricts
    /// them; null allows every operation. Others answer 403.
    /// </summary>
    [JsonPropertyName("operations")] public List<string>? Operations { get; set; }
}
