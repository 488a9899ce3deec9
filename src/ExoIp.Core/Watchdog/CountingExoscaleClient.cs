using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Exoscale;

namespace ExoIp.Watchdog;

/// <summary>Counts a watchdog's own API calls and their failures in its <see cref="WatchdogCounters"/>.</summary>
internal sealed class CountingExoscaleClient : IExoscaleClient
{
    private readonly IExoscaleClient _inner;
    private readonly WatchdogCounters _counters;

    public CountingExoscaleClient(IExoscaleClient inner, WatchdogCounters counters)
    {
        _inner = inner;
        _counters = counters;
    }

    public Task<IReadOnlyList<ElasticIp>> ListElasticIpsAsync(CancellationToken cancellationToken = default) =>
        Count(() => _inner.ListElasticIpsAsync(cancellationToken));

    public Task<ElasticIp> GetElasticIpAsync(string id, CancellationToken cancellationToken = default) =>
        Count(() => _inner.GetElasticIpAsync(id, cancellationToken));

    public Task<ElasticIp> ResolveElasticIpAsync(string addressOrId, CancellationToken cancellationToken = default) =>
        Count(() => _inner.ResolveElasticIpAsync(addressOrId, cancellationToken));

    public Task<Instance> GetInstanceAsync(string id, CancellationToken cancellationToken = default) =>
        Count(() => _inner.GetInstanceAsync(id, cancellationToken));

    public Task<IReadOnlyList<Instance>> ListInstancesAsync(string? ipAddress = null, CancellationToken cancellationToken = default) =>
        Count(() => _inner.ListInstancesAsync(ipAddress, cancellationToken));

    public Task<IReadOnlyList<SecurityGroup>> ListSecurityGroupsAsync(CancellationToken cancellationToken = default) =>
        Count(() => _inner.ListSecurityGroupsAsync(cancellationToken));

    public Task<InstancePool> ResolveInstancePoolAsync(string nameOrId, CancellationToken cancellationToken = default) =>
        Count(() => _inner.ResolveInstancePoolAsync(nameOrId, cancellationToken));

    public Task<IReadOnlyList<Instance>> ListInstancePoolMembersAsync(string instancePoolId, CancellationToken cancellationToken = default) =>
        Count(() => _inner.ListInstancePoolMembersAsync(instancePoolId, cancellationToken));

    public Task<SecurityGroup> GetSecurityGroupAsync(string id, CancellationToken cancellationToken = default) =>
        Count(() => _inner.GetSecurityGroupAsync(id, cancellationToken));

    public Task<Operation> GetOperationAsync(string id, CancellationToken cancellationToken = default) =>
        Count(() => _inner.GetOperationAsync(id, cancellationToken));

    public Task<bool> AttachElasticIpAsync(string elasticIpId, string instanceId, CancellationToken cancellationToken = default,
        CancellationToken abandonBeforeChange = default) =>
        Count(() => _inner.AttachElasticIpAsync(elasticIpId, instanceId, cancellationToken, abandonBeforeChange));

    public Task<bool> DetachElasticIpAsync(string elasticIpId, string instanceId, CancellationToken cancellationToken = default,
        CancellationToken abandonBeforeChange = default) =>
        Count(() => _inner.DetachElasticIpAsync(elasticIpId, instanceId, cancellationToken, abandonBeforeChange));

    private async Task<T> Count<T>(Func<Task<T>> call)
    {
        _counters.ApiCall();
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch
        {
            _counters.ApiError();
            throw;
        }
    }
}
