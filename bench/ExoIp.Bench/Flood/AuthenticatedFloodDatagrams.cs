using System;
using System.Collections.Generic;
using System.Net;
using System.Security.Cryptography;
using ExoIp.Authentication;
using ExoIp.Protocol;
using ExoIp.Watchdog;

namespace ExoIp.Bench.Flood;

/// <summary>
/// The datagrams of a flood at a keyed node: forged MACs under its own key id (the costly case, one HMAC each),
/// from a peer's address and from a stranger's, and every other way an advert fails verification.
/// </summary>
internal static class AuthenticatedFloodDatagrams
{
    /// <summary>The kinds sent in turn, for a node with <paramref name="keys"/>.</summary>
    public static IReadOnlyList<FloodDatagram> For(IPAddress elasticIp, AuthKeyRing keys)
    {
        var advert = new Advertisement(0, elasticIp, Guid.NewGuid());
        var forged = Signed(keys, TimeProvider.System, advert);
        forged[AuthenticatedAdvertisement.Size - 1] ^= 0x5A;
        var otherKey = new AuthKeyRing(AuthKey.FromText(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), "the flood"));
        return new[]
        {
            new FloodDatagram("forged-mac", forged, true, DatagramDropReason.Unauthenticated),
            new FloodDatagram("forged-mac-stranger", forged, false, DatagramDropReason.Unauthenticated),
            new FloodDatagram("plain", advert.Encode(), true, DatagramDropReason.Unauthenticated),
            new FloodDatagram("unknown-key", Signed(otherKey, TimeProvider.System, advert), true, DatagramDropReason.UnknownKey),
            new FloodDatagram("stale", Signed(keys, new HourAgo(), advert), true, DatagramDropReason.Stale),
            new FloodDatagram("short", forged.AsSpan(0, AuthenticatedAdvertisement.Size - 1).ToArray(), true, DatagramDropReason.WrongLength),
        };
    }

    private static byte[] Signed(AuthKeyRing keys, TimeProvider clock, Advertisement advert)
    {
        using var signer = new AdvertisementSigner(keys, clock);
        var datagram = new byte[AuthenticatedAdvertisement.Size];
        signer.Sign(advert, datagram);
        return datagram;
    }

    // A genuine advert signed an hour ago: its MAC verifies, its timestamp is far outside the window.
    private sealed class HourAgo : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() - TimeSpan.FromHours(1);
    }
}
