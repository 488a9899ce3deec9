using System;
using System.Collections.Generic;

namespace ExoIp.Peers;

/// <summary>
/// What a refresh of the peers found: a group's or pool's listing of its members, or the instances of the static
/// peers' addresses. Membership applies the two differently: a listing makes the table, a lookup fills it in.
/// </summary>
internal sealed record PeerLookup
{
    private PeerLookup(PeerListing? listing, IReadOnlyList<PeerIdentity> identities)
    {
        Listing = listing;
        Identities = identities;
    }

    /// <summary>The group's or pool's listing; null for static peers.</summary>
    public PeerListing? Listing { get; }

    /// <summary>For static peers: the instance each address has.</summary>
    public IReadOnlyList<PeerIdentity> Identities { get; }

    /// <summary>A group or pool listed its members.</summary>
    public static PeerLookup Listed(PeerListing listing) => new(listing, Array.Empty<PeerIdentity>());

    /// <summary>The static peers' instances were looked up.</summary>
    public static PeerLookup Static(IReadOnlyList<PeerIdentity> identities) => new(null, identities);
}
