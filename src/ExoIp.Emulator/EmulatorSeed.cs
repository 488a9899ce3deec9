using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace ExoIp.Emulator;

/// <summary>
/// Everything an emulator holds, as JSON: what <see cref="EmulatorState.Load"/> and <c>POST /_emulator/reset</c>
/// take and what <see cref="EmulatorState.Snapshot"/> and <c>GET /_emulator/state</c> give back.
/// </summary>
public sealed class EmulatorSeed
{
    /// <summary>The emulator's zone; null keeps the zone the emulator started with.</summary>
    [JsonPropertyName("zone")] public string? Zone { get; set; }

    /// <summary>API keys the emulator accepts.</summary>
    [JsonPropertyName("credentials")] public List<SeedCredentials> Credentials { get; set; } = [];

    /// <summary>Security groups (they have no zone).</summary>
    [JsonPropertyName("security-groups")] public List<SeedSecurityGroup> SecurityGroups { get; set; } = [];

    /// <summary>Elastic IPs.</summary>
    [JsonPropertyName("elastic-ips")] public List<SeedElasticIp> ElasticIps { get; set; } = [];

    /// <summary>Instance Pools.</summary>
    [JsonPropertyName("instance-pools")] public List<SeedInstancePool> InstancePools { get; set; } = [];

    /// <summary>Instances, with the Elastic IPs they hold.</summary>
    [JsonPropertyName("instances")] public List<SeedInstance> Instances { get; set; } = [];

    /// <summary>The instance that <c>/latest/meta-data/</c> describes; null for none.</summary>
    [JsonPropertyName("metadata-instance")] public string? MetadataInstance { get; set; }

    /// <summary>How long operations stay pending, in milliseconds; null keeps the emulator's start-up setting.</summary>
    [JsonPropertyName("operation-delay-ms")] public int? OperationDelayMs { get; set; }

    /// <summary>How accepted operations end; null for <see cref="Emulator.OperationEnding.Success"/>.</summary>
    [JsonPropertyName("operation-ending")] public OperationEnding? OperationEnding { get; set; }

    /// <summary>The answer to a repeated attach or detach; null for <see cref="Emulator.RepeatedChangeAnswer.BadRequest"/>.</summary>
    [JsonPropertyName("repeated-change-answer")] public RepeatedChangeAnswer? RepeatedChangeAnswer { get; set; }

    /// <summary>Other zones <c>GET /v2/zone</c> lists besides the emulator's own.</summary>
    [JsonPropertyName("zones")] public List<SeedZone> Zones { get; set; } = [];
}
