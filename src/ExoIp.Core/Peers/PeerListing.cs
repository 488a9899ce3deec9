using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace ExoIp.Peers;

/// <summary>
/// A security group's or an Instance Pool's running members as the API listed them: the peers (every member
/// but this node, by address) and whether this node is a member at all. A node missing from its own group's
/// listing (removed from the pool, the group taken off it) is not eligible: its peers no longer count it, and
/// taking the Elastic IP back at every reconciliation would move it for nothing.
/// </summary>
/// <param name="Members">The other members, by public IPv4 address.</param>
/// <param name="IncludesSelf">This node was listed among the members.</param>
public sealed record PeerListing(IReadOnlyDictionary<IPAddress, Guid> Members, bool IncludesSelf)
{
    /// <summary>The listing of <paramref name="members"/> as seen from <paramref name="self"/>.</summary>
    public static PeerListing Of(IEnumerable<(IPAddress Address, Guid Id)> members, Guid self)
    {
        var all = members.ToList();
        return new PeerListing(all.Where(m => m.Id != self).ToDictionary(m => m.Address, m => m.Id), all.Any(m => m.Id == self));
    }
}
