using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Exoscale;

namespace ExoIp.Peers;

/// <summary>Finds the peers' instances through the API: static addresses to instance ids, or a security group's members.</summary>
public static class PeerDirectory
{
    /// <summary>The state of an instance that may be a peer.</summary>
    public const string Running = "running";

    /// <summary>Looks up which instance has each static peer address (<c>GET /instance?ip-address=</c>).</summary>
    public static async Task<IReadOnlyList<PeerIdentity>> ResolveAsync(
        IExoscaleClient client, IEnumerable<IPAddress> addresses, CancellationToken cancellationToken)
    {
        var resolved = new List<PeerIdentity>();
        foreach (var address in addresses)
        {
            var text = address.ToString();
            var instances = await client.ListInstancesAsync(text, cancellationToken).ConfigureAwait(false);
            // The filter is the API's; keep the instance whose public IP really is this one, a running one first.
            var match = instances
                .Where(i => i.PublicIp == text)
                .OrderByDescending(i => i.State == Running)
                .Select(i => ParseId(i.Id))
                .FirstOrDefault(id => id.HasValue);
            resolved.Add(new PeerIdentity(address, match));
        }
        return resolved;
    }

    /// <summary>
    /// The running members of a security group (matched by id, else by name), by public IPv4 address, as
    /// <paramref name="self"/>'s listing. Members without a public IPv4 address cannot be peers and are left out.
    /// </summary>
    /// <exception cref="ExoscaleNotFoundException">No security group has that id or name.</exception>
    public static async Task<PeerListing> ListGroupMembersAsync(
        IExoscaleClient client, string group, Guid self, CancellationToken cancellationToken) =>
        PeerListing.Of((await ListGroupMemberInstancesAsync(client, group, Guid.Empty, cancellationToken).ConfigureAwait(false))
            .Select(m => (m.Address, m.Id)), self);

    /// <summary>The same members as <see cref="ListGroupMembersAsync"/>, with their instances (names, states).</summary>
    /// <exception cref="ExoscaleNotFoundException">No security group has that id or name.</exception>
    public static async Task<IReadOnlyList<(IPAddress Address, Guid Id, Instance Instance)>> ListGroupMemberInstancesAsync(
        IExoscaleClient client, string group, Guid self, CancellationToken cancellationToken)
    {
        var groups = await client.ListSecurityGroupsAsync(cancellationToken).ConfigureAwait(false);
        var match = groups.FirstOrDefault(g => string.Equals(g.Id, group, StringComparison.OrdinalIgnoreCase))
            ?? groups.FirstOrDefault(g => g.Name == group)
            ?? throw new ExoscaleNotFoundException($"No security group is named '{group}' or has that id.", "security-group", group);
        var instances = await client.ListInstancesAsync(null, cancellationToken).ConfigureAwait(false);
        var members = new Dictionary<IPAddress, (IPAddress, Guid, Instance)>();
        foreach (var instance in instances)
        {
            if (instance.State != Running || !instance.IsMemberOf(match.Id)) continue;
            if (ParseId(instance.Id) is not { } id || id == self) continue;
            if (!IPAddress.TryParse(instance.PublicIp ?? string.Empty, out var address)
                || address.AddressFamily != AddressFamily.InterNetwork) continue;
            members[address] = (address, id, instance);
        }
        return members.Values.ToList();
    }

    private static Guid? ParseId(string id) => Guid.TryParse(id, out var parsed) ? parsed : null;
}
