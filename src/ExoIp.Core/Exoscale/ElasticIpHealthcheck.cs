using System.Text.Json.Serialization;

namespace ExoIp.Exoscale;

/// <summary>
/// The health check of a managed Elastic IP (API v2 <c>elastic-ip-healthcheck</c>): Exoscale itself probes every
/// instance holding the address and routes it only to those that pass, so the address is meant to stay
/// attached to several instances at once.
/// </summary>
public sealed class ElasticIpHealthcheck
{
    /// <summary>tcp, http or https.</summary>
    [JsonPropertyName("mode")] public string Mode { get; set; } = string.Empty;

    /// <summary>The port probed on each holder.</summary>
    [JsonPropertyName("port")] public long Port { get; set; }

    /// <summary>The path probed (http and https), e.g. /status.</summary>
    [JsonPropertyName("uri")] public string? Uri { get; set; }

    /// <summary>Seconds between two probes.</summary>
    [JsonPropertyName("interval")] public long? Interval { get; set; }

    /// <summary>Seconds one probe may take.</summary>
    [JsonPropertyName("timeout")] public long? Timeout { get; set; }

    /// <summary>Passed probes that make a holder healthy.</summary>
    [JsonPropertyName("strikes-ok")] public long? StrikesOk { get; set; }

    /// <summary>Failed probes that make a holder unhealthy.</summary>
    [JsonPropertyName("strikes-fail")] public long? StrikesFail { get; set; }

    /// <summary>The name checked against the certificate (https).</summary>
    [JsonPropertyName("tls-sni")] public string? TlsSni { get; set; }

    /// <summary>True when https probes accept any certificate.</summary>
    [JsonPropertyName("tls-skip-verify")] public bool? TlsSkipVerify { get; set; }

    /// <summary>"tcp port 80", "http port 80 /status": for messages.</summary>
    public override string ToString() =>
        $"{Mode} port {Port}{(string.IsNullOrEmpty(Uri) || Mode == "tcp" ? "" : " " + Uri)}";
}
