using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Configuration;
using ExoIp.Exoscale;

namespace ExoIp.Peers;

/// <summary>
/// Peers from an Instance Pool: its running members with a public IPv4 address, listed in one call
/// (list-instances' <c>manager-id</c> filter), so an autoscaled pool is followed without reconfiguring.
/// </summary>
public static class InstancePoolPeers
{
    private const string Running = "running";

    /// <summary>The pool's running members other than <paramref name="self"/>, by address, as a watchdog's listing.</summary>
    /// <exception cref="ExoscaleNotFoundException">No pool has that name or id.</exception>
    /// <exception cref="ConfigurationException">The pool attaches the watched Elastic IP to every member itself.</exception>
    public static async Task<PeerListing> ListMembersAsync(
        IExoscaleClient client, string pool, Guid self, string? watchedElasticIpId, CancellationToken cancellationToken) =>
        PeerListing.Of((await ListAsync(client, pool, Guid.Empty, watchedElasticIpId, cancellationToken).ConfigureAwait(false)).Members
            .Select(m => (m.Address, m.Id)), self);

    /// <summary>The pool (by name or id) and its running members other than <paramref name="self"/>, by address.</summary>
    /// <param name="client">The zone's API.</param>
    /// <param name="pool">The pool's name or id.</param>
    /// <param name="self">This instance, left out (Guid.Empty for none).</param>
    /// <param name="watchedElasticIpId">The Elastic IP a watchdog keeps; a pool that attaches it itself is refused.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <exception cref="ExoscaleNotFoundException">No pool has that name or id.</exception>
    /// <exception cref="ConfigurationException">The pool attaches the watched Elastic IP to every member itself.</exception>
    public static async Task<(InstancePool Pool, IReadOnlyList<(IPAddress Address, Guid Id, Instance Instance)> Members)> ListAsync(
        IExoscaleClient client, string pool, Guid self, string? watchedElasticIpId, CancellationToken cancellationToken)
    {
        var found = await client.ResolveInstancePoolAsync(pool, cancellationToken).ConfigureAwait(false);
        if (watchedElasticIpId is not null && found.Carries(watchedElasticIpId))
            throw new ConfigurationException("InstancePool",
                $"Instance Pool '{found.Name}' ({found.Id}) attaches Elastic IP {watchedElasticIpId} to every member itself (its elastic-ips): " +
                "a watchdog would fight the pool. Remove the Elastic IP from the pool, or leave it to the pool.");
        var instances = await client.ListInstancePoolMembersAsync(found.Id, cancellationToken).ConfigureAwait(false);
        var members = new Dictionary<IPAddress, (IPAddress, Guid, Instance)>();
        foreach (var instance in instances)
        {
            if (instance.State != Running || !Guid.TryParse(instance.Id, out var id) || id == self) continue;
            if (!IPAddress.TryParse(instance.PublicIp ?? string.Empty, out var address) || address.AddressFamily != AddressFamily.InterNetwork) continue;
            members[address] = (address, id, instance);
        }
        return (found, members.Values.OrderBy(m => m.Item1.ToString(), StringComparer.Ordinal).ToList());
    }
}
