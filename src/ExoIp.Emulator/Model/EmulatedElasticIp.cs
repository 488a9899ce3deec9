using ExoIp.Exoscale;

namespace ExoIp.Emulator.Model;

/// <summary>An Elastic IP as the emulator keeps it; one with a <see cref="Healthcheck"/> is managed.</summary>
internal sealed record EmulatedElasticIp(string Id, string Ip, string Zone, string? Description, ElasticIpHealthcheck? Healthcheck = null)
{
    /// <summary>True for an IPv6 address.</summary>
    public bool IsIpv6 => Ip.Contains(':');
}
