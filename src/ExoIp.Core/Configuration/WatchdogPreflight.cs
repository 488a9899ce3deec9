using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Exoscale;
using ExoIp.Peers;
using ExoIp.Preemption;
using ExoIp.Protocol;
using ExoIp.Threading;
using ExoIp.Watchdog;

namespace ExoIp.Configuration;

/// <summary>
/// What the API can tell about a watchdog's configuration before it starts, without taking the Elastic IP. A start
/// refuses what <c>-ValidateOnly</c> (<c>exoip -n</c>) refuses: a wrong key or secret, or one whose role misses a read
/// the watchdog makes; an unknown Elastic IP, instance or security group; a group or pool without running members;
/// a static peer that is no instance's address (a mistyped peer would make a node that hears nobody). Only
/// <c>-ValidateOnly</c> also binds the bind address (a start binds it anyway) and listens for peers advertising this
/// node's own priority, and warns about a priority of 255.
/// </summary>
public static class WatchdogPreflight
{
    /// <summary>Runs the checks; returns a line per fact established, for Verbose, and the warnings.</summary>
    /// <param name="client">The zone's API.</param>
    /// <param name="options">The resolved watchdog options.</param>
    /// <param name="thorough"><c>-ValidateOnly</c>: also bind the address and listen for ties.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <exception cref="ExoscaleAuthenticationException">The key or secret is refused.</exception>
    /// <exception cref="ExoscaleNotFoundException">The Elastic IP, this instance or the security group does not exist.</exception>
    /// <exception cref="ManagedElasticIpException">The Elastic IP is managed (it has a health check of its own).</exception>
    /// <exception cref="ConfigurationException">The group has no members, or a static peer is no instance's address.</exception>
    /// <exception cref="SocketException">The bind address cannot be bound (thorough only).</exception>
    public static async Task<PreflightReport> CheckAsync(
        IExoscaleClient client, WatchdogOptions options, bool thorough, CancellationToken cancellationToken)
    {
        var facts = new List<string>();
        var warnings = new List<string>();
        if (thorough && options.Priority == AdvertisedPriority.Ineligible)
            warnings.Add($"Priority {AdvertisedPriority.Ineligible} is what a faulty node advertises: the peers will see this node as faulty and it never takes the Elastic IP.");
        var eip = await client.ResolveElasticIpAsync(options.ElasticIp!.ToString(), cancellationToken).ConfigureAwait(false);
        // Before anything else is asked, let alone changed: a managed Elastic IP is no watchdog's business.
        if (eip.IsManaged) throw new ManagedElasticIpException(eip);
        facts.Add($"Elastic IP {eip.Ip} has id {eip.Id}.");
        var self = await client.GetInstanceAsync(options.InstanceId.ToString(), cancellationToken).ConfigureAwait(false);
        facts.Add($"This instance {self.Id} ({self.Name}) is {self.State}.");

        if (options.PeerGroup is { } group)
        {
            var members = await PeerDirectory.ListGroupMemberInstancesAsync(client, group, Guid.Empty, cancellationToken).ConfigureAwait(false);
            if (members.Count == 0)
                throw new ConfigurationException("PeerGroup",
                    $"Security group '{group}' has no running member with a public IPv4 address: no watchdog of the group could be found.");
            facts.Add($"Security group '{group}' has {members.Count} running member(s): {string.Join(", ", members.Select(m => m.Address))}.");
        }

        if (options.InstancePool is { } poolName)
        {
            // A pool that attaches the Elastic IP to every member itself is refused here: a watchdog would fight it.
            var (pool, members) = await InstancePoolPeers.ListAsync(client, poolName, Guid.Empty, eip.Id, cancellationToken).ConfigureAwait(false);
            if (members.Count == 0)
                throw new ConfigurationException("InstancePool", $"Instance Pool '{poolName}' has no running member with a public IPv4 address.");
            facts.Add($"Instance Pool '{pool.Name}' has {members.Count} running member(s): {string.Join(", ", members.Select(m => m.Address))}.");
        }

        if (options.Peers is { Count: > 0 } peers)
        {
            var identities = await PeerDirectory.ResolveAsync(client, peers, cancellationToken).ConfigureAwait(false);
            var strangers = identities.Where(i => i.InstanceId is null).Select(i => i.Address.ToString()).ToList();
            if (strangers.Count > 0)
                throw new ConfigurationException("Peer", $"No instance of the zone has the peer address {string.Join(", ", strangers)}.");
            facts.Add($"The peers are instances {string.Join(", ", identities.Select(i => $"{i.Address} ({i.InstanceId})"))}.");
        }

        // The reads a running watchdog makes besides those above, so that a key whose IAM role misses one is named now
        // (ExoscaleAuthenticationException.Operation) rather than at the first failover.
        var holders = await client.ListInstancesAsync(eip.Ip, cancellationToken).ConfigureAwait(false);
        facts.Add($"Elastic IP {eip.Ip} is held by {(holders.Count == 0 ? "no instance" : string.Join(", ", holders.Select(h => h.Id)))}.");
        try
        {
            await client.GetOperationAsync(NoOperation, cancellationToken).ConfigureAwait(false);
        }
        catch (ExoscaleNotFoundException)
        {
            facts.Add("get-operation is allowed (polling an attach or detach).");
        }

        if (thorough)
        {
            using var socket = new UdpClient(options.Bind.AddressFamily);
            socket.Client.Bind(options.Bind);
            facts.Add($"{options.Bind} can be bound.");
            await ListenForTiesAsync(socket, options, warnings, cancellationToken).ConfigureAwait(false);
        }
        return new PreflightReport(facts, warnings);
    }

    // The peers' priorities are visible only in their adverts: listen a little (two intervals, at most
    // ListenBound) on the bound port for running peers that advertise this node's own priority.
    private static async Task ListenForTiesAsync(UdpClient socket, WatchdogOptions options, List<string> warnings, CancellationToken cancellationToken)
    {
        var twice = TimeSpan.FromTicks(options.Interval.Ticks * 2);
        using var listening = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        listening.CancelAfter(twice < ListenBound ? twice : ListenBound);
        var tied = new SortedSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var receiving = socket.ReceiveAsync();
            // One already queued is read whatever the time: it came within the window, even if this loop, starved of
            // CPU, comes to it late.
            if (!receiving.IsCompleted && !await receiving.EndsBeforeAsync(listening.Token).ConfigureAwait(false))
            {
                // The receive ends when the caller closes the socket; nothing waits for it any more.
                _ = receiving.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
                break;
            }
            var received = await receiving.ConfigureAwait(false);
            if (received.Buffer.Length >= Advertisement.Size &&
                Advertisement.TryDecode(received.Buffer.AsSpan(0, Advertisement.Size), out var advert, out _) &&
                advert.Names(options.ElasticIp!) && advert.Identity != options.InstanceId && advert.Priority == options.Priority)
                tied.Add($"{received.RemoteEndPoint.Address} ({advert.Identity})");
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (tied.Count > 0)
            warnings.Add($"Priority {options.Priority} is also advertised by {string.Join(", ", tied)}: with equal priorities the instance ids break the tie, give each node its own priority.");
    }

    // An operation id that exists nowhere: asking for it answers 404 to a key allowed get-operation, 403 to another.
    private const string NoOperation = "00000000-0000-4000-8000-000000000000";

    /// <summary>The longest -ValidateOnly listens for the peers' adverts.</summary>
    private static readonly TimeSpan ListenBound = TimeSpan.FromSeconds(3);
}
