using System;
using System.Collections.Generic;
using System.Net;
using ExoIp.Protocol;

namespace ExoIp.Transport;

/// <summary>What a node advertises, and to whom: the loop publishes a new plan when either changes.</summary>
public sealed class AdvertisementPlan
{
    /// <summary>Creates a plan.</summary>
    public AdvertisementPlan(Advertisement advertisement, IReadOnlyList<IPAddress> peers)
    {
        Advertisement = advertisement;
        Peers = peers ?? throw new ArgumentNullException(nameof(peers));
    }

    /// <summary>The advert to send (its priority is the advertised one: 255 while stopping).</summary>
    public Advertisement Advertisement { get; }

    /// <summary>The peers' addresses; each gets the advert at the port this node listens on.</summary>
    public IReadOnlyList<IPAddress> Peers { get; }
}
