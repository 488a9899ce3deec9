using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Exoscale;

namespace ExoIp.Metrics;

/// <summary>
/// Counts and times every call made through it into <see cref="ApiRequestMetrics"/>, by operation (the call's
/// name, e.g. <c>attach_elastic_ip</c>) and outcome (<c>success</c>, <c>not_found</c>, <c>timeout</c>,
/// <c>unauthorized</c>, <c>invalid</c>, <c>unavailable</c>, <c>operation_failed</c>, <c>canceled</c>, <c>error</c>). A decorator, so the engine and the client know nothing of metrics.
/// </summary>
public sealed class MeteredExoscaleClient : IExoscaleClient
{
    private readonly IExoscaleClient _inner;
    private readonly ApiRequestMetrics _metrics;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    public MeteredExoscaleClient(IExoscaleClient inner, ApiRequestMetrics metrics)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ElasticIp>> ListElasticIpsAsync(CancellationToken cancellationToken = default) =>
        Measure("list_elastic_ips", () => _inner.ListElasticIpsAsync(cancellationToken));

    /// <inheritdoc />
    public Task<ElasticIp> GetElasticIpAsync(string id, CancellationToken cancellationToken = default) =>
        Measure("get_elastic_ip", () => _inner.GetElasticIpAsync(id, cancellationToken));

    /// <inheritdoc />
    public Task<ElasticIp> ResolveElasticIpAsync(string addressOrId, CancellationToken cancellationToken = default) =>
        Measure("resolve_elastic_ip", () => _inner.ResolveElasticIpAsync(addressOrId, cancellationToken));

    /// <inheritdoc />
    public Task<Instance> GetInstanceAsync(string id, CancellationToken cancellationToken = default) =>
        Measure("get_instance", () => _inner.GetInstanceAsync(id, cancellationToken));

    /// <inheritdoc />
    public Task<IReadOnlyList<Instance>> ListInstancesAsync(string? ipAddress = null, CancellationToken cancellationToken = default) =>
        Measure("list_instances", () => _inner.ListInstancesAsync(ipAddress, cancellationToken));

    /// <inheritdoc />
    public Task<InstancePool> ResolveInstancePoolAsync(string nameOrId, CancellationToken cancellationToken = default) =>
        Measure("resolve_instance_pool", () => _inner.ResolveInstancePoolAsync(nameOrId, cancellationToken));

    /// <inheritdoc />
    public Task<IReadOnlyList<Instance>> ListInstancePoolMembersAsync(string instancePoolId, CancellationToken cancellationToken = default) =>
        Measure("list_instance_pool_members", () => _inner.ListInstancePoolMembersAsync(instancePoolId, cancellationToken));

    /// <inheritdoc />
    public Task<IReadOnlyList<SecurityGroup>> ListSecurityGroupsAsync(CancellationToken cancellationToken = default) =>
        Measure("list_security_groups", () => _inner.ListSecurityGroupsAsync(cancellationToken));

    /// <inheritdoc />
    public Task<SecurityGroup> GetSecurityGroupAsync(string id, CancellationToken cancellationToken = default) =>
        Measure("get_security_group", () => _inner.GetSecurityGroupAsync(id, cancellationToken));

    /// <inheritdoc />
    public Task<Operation> GetOperationAsync(string id, CancellationToken cancellationToken = default) =>
        Measure("get_operation", () => _inner.GetOperationAsync(id, cancellationToken));

    /// <inheritdoc />
    public Task<bool> AttachElasticIpAsync(string elasticIpId, string instanceId, CancellationToken cancellationToken = default,
        CancellationToken abandonBeforeChange = default) =>
        Measure("attach_elastic_ip", () => _inner.AttachElasticIpAsync(elasticIpId, instanceId, cancellationToken, abandonBeforeChange));

    /// <inheritdoc />
    public Task<bool> DetachElasticIpAsync(string elasticIpId, string instanceId, CancellationToken cancellationToken = default,
        CancellationToken abandonBeforeChange = default) =>
        Measure("detach_elastic_ip", () => _inner.DetachElasticIpAsync(elasticIpId, instanceId, cancellationToken, abandonBeforeChange));

    private async Task<T> Measure<T>(string operation, Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            var result = await call().ConfigureAwait(false);
            outcome = "success";
            return result;
        }
        catch (Exception e)
        {
            outcome = Outcome(e);
            throw;
        }
        finally
        {
            _metrics.Record(operation, outcome,
                TimeSpan.FromTicks((long)((Stopwatch.GetTimestamp() - started) * ((double)TimeSpan.TicksPerSecond / Stopwatch.Frequency))));
        }
    }

    private static string Outcome(Exception failure) => failure switch
    {
        OperationCanceledException => "canceled",
        ExoscaleNotFoundException => "not_found",
        ExoscaleTimeoutException => "timeout",
        ExoscaleAuthenticationException => "unauthorized",
        ExoscaleInvalidRequestException => "invalid",
        ExoscaleUnavailableException => "unavailable",
        ExoscaleOperationFailedException => "operation_failed",
        _ => "error",
    };
}
