namespace ExoIp.Emulator.Model;

/// <summary>An Elastic IP as the emulator keeps it.</summary>
internal sealed record EmulatedElasticIp(string Id, string Ip, string Zone, string? Description)
{
    /// <summary>True for an IPv6 address.</summary>
    public bool IsIpv6 => Ip.Contains(':');
}
