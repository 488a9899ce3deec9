using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Exoscale;

namespace ExoIp.Tests.Watchdog;

/// <summary>
/// An API that does nothing: every call fails at once, so the executor hands each command straight back as a
/// result (see <see cref="DecisionBed"/>, which takes the command from it and answers it itself).
/// </summary>
internal sealed class UnansweredApi : IExoscaleClient
{
    public Task<IReadOnlyList<ElasticIp>> ListElasticIpsAsync(CancellationToken cancellationToken = default) => NotRun<IReadOnlyList<ElasticIp>>();

    public Task<ElasticIp> GetElasticIpAsync(string id, CancellationToken cancellationToken = default) => NotRun<ElasticIp>();

    public Task<ElasticIp> ResolveElasticIpAsync(string addressOrId, CancellationToken cancellationToken = default) => NotRun<ElasticIp>();

    public Task<Instance> GetInstanceAsync(string id, CancellationToken cancellationToken = default) => NotRun<Instance>();

    public Task<IReadOnlyList<Instance>> ListInstancesAsync(string? ipAddress = null, CancellationToken cancellationToken = default) => NotRun<IReadOnlyList<Instance>>();

    public Task<InstancePool> ResolveInstancePoolAsync(string nameOrId, CancellationToken cancellationToken = default) => NotRun<InstancePool>();

    public Task<IReadOnlyList<Instance>> ListInstancePoolMembersAsync(string instancePoolId, CancellationToken cancellationToken = default) => NotRun<IReadOnlyList<Instance>>();

    public Task<IReadOnlyList<SecurityGroup>> ListSecurityGroupsAsync(CancellationToken cancellationToken = default) => NotRun<IReadOnlyList<SecurityGroup>>();

    public Task<SecurityGroup> GetSecurityGroupAsync(string id, CancellationToken cancellationToken = default) => NotRun<SecurityGroup>();

    public Task<Operation> GetOperationAsync(string id, CancellationToken cancellationToken = default) => NotRun<Operation>();

    public Task<bool> AttachElasticIpAsync(string elasticIpId, string instanceId, CancellationToken cancellationToken = default,
        CancellationToken abandonBeforeChange = default) => NotRun<bool>();

    public Task<bool> DetachElasticIpAsync(string elasticIpId, string instanceId, CancellationToken cancellationToken = default,
        CancellationToken abandonBeforeChange = default) => NotRun<bool>();

    private static Task<T> NotRun<T>() => Task.FromException<T>(new NotSupportedException("recorded, not run"));
}
