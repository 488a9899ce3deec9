using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace ExoIp.Exoscale;

/// <summary>
/// The Exoscale API v2 calls ExoIp needs, in one zone. Failures throw an <see cref="ExoscaleApiException"/>
/// subclass. Mutating calls wait for their operation to finish.
/// </summary>
public interface IExoscaleClient
{
    /// <summary>Lists the zone's Elastic IPs.</summary>
    Task<IReadOnlyList<ElasticIp>> ListElasticIpsAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets one Elastic IP by id.</summary>
    Task<ElasticIp> GetElasticIpAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Finds an Elastic IP by its address (e.g. 198.51.100.50) or its id.</summary>
    /// <exception cref="ExoscaleNotFoundException">No Elastic IP of the zone has that address or id.</exception>
    Task<ElasticIp> ResolveElasticIpAsync(string addressOrId, CancellationToken cancellationToken = default);

    /// <summary>Gets one instance, with its attached Elastic IPs.</summary>
    Task<Instance> GetInstanceAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists the zone's instances, optionally those with a given IP address: their public IP, or an Elastic IP
    /// attached to them, so an Elastic IP's address lists its holders, as Exoscale's CLI does (list items carry
    /// no Elastic IPs).
    /// </summary>
    Task<IReadOnlyList<Instance>> ListInstancesAsync(string? ipAddress = null, CancellationToken cancellationToken = default);

    /// <summary>Finds an Instance Pool by id or by name, with its <c>instances</c> and <c>elastic-ips</c>.</summary>
    /// <exception cref="ExoscaleNotFoundException">No pool of the zone has that id or name.</exception>
    Task<InstancePool> ResolveInstancePoolAsync(string nameOrId, CancellationToken cancellationToken = default);

    /// <summary>The instances an Instance Pool manages, with their addresses (list-instances' <c>manager-id</c> filter).</summary>
    Task<IReadOnlyList<Instance>> ListInstancePoolMembersAsync(string instancePoolId, CancellationToken cancellationToken = default);

    /// <summary>Lists the security groups.</summary>
    Task<IReadOnlyList<SecurityGroup>> ListSecurityGroupsAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets one security group by id.</summary>
    Task<SecurityGroup> GetSecurityGroupAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Gets an operation's current state.</summary>
    Task<Operation> GetOperationAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes sure the Elastic IP is attached to the instance: checks the instance first, attaches only
    /// when needed, and waits for the operation. Returns true when it changed something, false when the
    /// Elastic IP was already attached. Safe to retry.
    /// </summary>
    /// <param name="elasticIpId">The Elastic IP's id.</param>
    /// <param name="instanceId">The instance's id.</param>
    /// <param name="cancellationToken">Ends the call at any point: a change already asked for may still apply.</param>
    /// <param name="abandonBeforeChange">
    /// Once cancelled, the call asks for no change it has not asked for yet: it ends with an
    /// <see cref="OperationCanceledException"/> instead of sending the PUT; a PUT already sent is waited for as usual,
    /// since only its answer tells whether it applied. A watchdog cancels it when the belief the change was decided on
    /// is dropped (a role change, a stall).
    /// </param>
    Task<bool> AttachElasticIpAsync(string elasticIpId, string instanceId, CancellationToken cancellationToken = default,
        CancellationToken abandonBeforeChange = default);

    /// <summary>
    /// Makes sure the Elastic IP is not attached to the instance; returns true when it changed something,
    /// false when it was not attached. Safe to retry. <paramref name="abandonBeforeChange"/> as for
    /// <see cref="AttachElasticIpAsync"/>.
    /// </summary>
    Task<bool> DetachElasticIpAsync(string elasticIpId, string instanceId, CancellationToken cancellationToken = default,
        CancellationToken abandonBeforeChange = default);
}
