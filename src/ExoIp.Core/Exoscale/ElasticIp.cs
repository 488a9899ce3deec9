using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace ExoIp.Exoscale;

/// <summary>An Exoscale Elastic IP as API v2 describes it (it does not list its instances).</summary>
public sealed class ElasticIp
{
    /// <summary>The Elastic IP's id.</summary>
    [JsonPropertyName("id")] public string Id { get; set; } = string.Empty;

    /// <summary>The address, e.g. 198.51.100.50.</summary>
    [JsonPropertyName("ip")] public string Ip { get; set; } = string.Empty;

    /// <summary>inet4 or inet6.</summary>
    [JsonPropertyName("addressfamily")] public string? AddressFamily { get; set; }

    /// <summary>The address in CIDR notation.</summary>
    [JsonPropertyName("cidr")] public string? Cidr { get; set; }

    /// <summary>Free text.</summary>
    [JsonPropertyName("description")] public string? Description { get; set; }

    /// <summary>Labels.</summary>
    [JsonPropertyName("labels")] public Dictionary<string, string>? Labels { get; set; }

    /// <summary>The health check Exoscale runs on every holder; only a managed Elastic IP has one.</summary>
    [JsonPropertyName("healthcheck")] public ElasticIpHealthcheck? Healthcheck { get; set; }

    /// <summary>
    /// True for a managed Elastic IP (<c>exo compute elastic-ip show</c>: <c>Type: managed</c>): attached to several
    /// instances at once, Exoscale routing it to the healthy ones.
    /// </summary>
    [JsonIgnore] public bool IsManaged => Healthcheck is not null;

    /// <summary>"Elastic IP 198.51.100.50 has id …", saying when it is managed and what that means for a change.</summary>
    public string Describe() => IsManaged
        ? $"Elastic IP {Ip} has id {Id}; it is managed ({Healthcheck}): Exoscale routes it to those of its holders that pass the check, " +
          "so attaching it adds a holder and detaching it removes one, the others keep it."
        : $"Elastic IP {Ip} has id {Id}.";
}
