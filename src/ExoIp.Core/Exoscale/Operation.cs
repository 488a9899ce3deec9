using System.Text.Json.Serialization;

namespace ExoIp.Exoscale;

/// <summary>An asynchronous API operation: every mutating call answers with one.</summary>
public sealed class Operation
{
    /// <summary>The operation id.</summary>
    [JsonPropertyName("id")] public string Id { get; set; } = string.Empty;

    /// <summary>pending, success, failure or timeout.</summary>
    [JsonPropertyName("state")] public string State { get; set; } = string.Empty;

    /// <summary>Why it failed, when it did (e.g. incorrect, unknown, unavailable, forbidden, busy, fault, partial, not-found, interrupted, unsupported, conflict).</summary>
    [JsonPropertyName("reason")] public string? Reason { get; set; }

    /// <summary>A human-readable message.</summary>
    [JsonPropertyName("message")] public string? Message { get; set; }

    /// <summary>The resource the operation acts on.</summary>
    [JsonPropertyName("reference")] public ResourceReference? Reference { get; set; }

    /// <summary>True while the operation has not reached a final state.</summary>
    [JsonIgnore] public bool IsPending => State == "pending";
}
