using System;
using System.Collections.Generic;
using System.Net;
using System.Text;
using ExoIp.Protocol;
using ExoIp.Watchdog;

namespace ExoIp.Bench.Flood;

/// <summary>
/// The datagrams of a flood: every way an advert can be malformed or foreign, including the original's traps
/// (a valid advert with trailing bytes, the bytes <c>info</c>) and forged adverts of the best priority.
/// </summary>
internal static class FloodDatagrams
{
    /// <summary>The kinds sent in turn.</summary>
    public static IReadOnlyList<FloodDatagram> For(IPAddress elasticIp)
    {
        var forged = new Advertisement(0, elasticIp, Guid.NewGuid()).Encode();
        var foreign = new Advertisement(0, IPAddress.Parse("203.0.113.99"), Guid.NewGuid()).Encode();
        var trailing = new byte[30];
        forged.CopyTo(trailing, 0);
        return new[]
        {
            new FloodDatagram("trailing-bytes", trailing, true, DatagramDropReason.WrongLength),
            new FloodDatagram("short", forged.AsSpan(0, 23).ToArray(), true, DatagramDropReason.WrongLength),
            new FloodDatagram("info", Encoding.ASCII.GetBytes("info"), true, DatagramDropReason.WrongLength),
            new FloodDatagram("wrong-version", With(forged, 0, 0x01), true, DatagramDropReason.WrongVersion),
            new FloodDatagram("check-byte", With(forged, 3, 0x7F), true, DatagramDropReason.PriorityCheckMismatch),
            new FloodDatagram("multicast-address", With(forged, 4, 224), true, DatagramDropReason.NotIPv4),
            new FloodDatagram("foreign-elastic-ip", foreign, true, DatagramDropReason.ForeignElasticIp),
            new FloodDatagram("forged-identity", forged, true, DatagramDropReason.IdentityMismatch),
            new FloodDatagram("stranger", forged, false, DatagramDropReason.UnknownSource),
        };
    }

    private static byte[] With(byte[] datagram, int offset, byte value)
    {
        var copy = (byte[])datagram.Clone();
        copy[offset] = value;
        return copy;
    }
}
