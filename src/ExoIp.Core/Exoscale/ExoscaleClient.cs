using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using RestSharp;

namespace ExoIp.Exoscale;

/// <summary>
/// The Exoscale API v2 client of one zone, over RestSharp and System.Text.Json. Reads are retried on transient
/// failures; attach and detach check the instance first, act only when needed and wait for the operation, and
/// that whole check-then-act is what gets retried, so a retry never acts twice.
/// </summary>
public sealed class ExoscaleClient : IExoscaleClient, IDisposable
{
    /// <summary>Consecutive failed polls of an operation tolerated before the wait fails, as egoscale's Wait.</summary>
    internal const int MaxConsecutivePollErrors = 5;

    private readonly ExoscaleClientOptions _options;
    private readonly ApiTransport _transport;
    private readonly ILogger _logger;

    /// <summary>Creates the client.</summary>
    /// <exception cref="ArgumentException">The options are incomplete or invalid (see <see cref="ExoscaleClientOptions.Validate"/>).</exception>
    public ExoscaleClient(ExoscaleClientOptions options)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        options.Validate();
        // A private copy: changing the caller's options later cannot change a client half-way.
        _options = options.Clone();
        _logger = _options.Logger;
        _transport = new ApiTransport(_options, Counters);
    }

    /// <summary>Requests, failures, retries and operation polls so far.</summary>
    public ExoscaleClientCounters Counters { get; } = new();

    /// <inheritdoc />
    public async Task<IReadOnlyList<ElasticIp>> ListElasticIpsAsync(CancellationToken cancellationToken = default)
    {
        var request = new ApiRequest("list-elastic-ips", Method.Get, "elastic-ip", "elastic-ip", null);
        return ApiJson.ReadList<ElasticIp>(await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false), "elastic-ips", request);
    }

    /// <inheritdoc />
    public Task<ElasticIp> GetElasticIpAsync(string id, CancellationToken cancellationToken = default) =>
        GetAsync<ElasticIp>("elastic-ip", id, cancellationToken);

    /// <inheritdoc />
    public async Task<ElasticIp> ResolveElasticIpAsync(string addressOrId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(addressOrId))
            throw new ArgumentException("Give an Elastic IP address (e.g. 198.51.100.50) or id.", nameof(addressOrId));
        var text = addressOrId.Trim();
        if (TryParseAddress(text, out var address))
        {
            var all = await ListElasticIpsAsync(cancellationToken).ConfigureAwait(false);
            return all.FirstOrDefault(e => IPAddress.TryParse(e.Ip, out var ip) && ip.Equals(address))
                ?? throw new ExoscaleNotFoundException(
                    $"No Elastic IP {text} in {_options.Location} (it has {all.Count} Elastic IP{(all.Count == 1 ? "" : "s")}).",
                    "elastic-ip", text);
        }
        if (!IsId(text))
            throw new ExoscaleNotFoundException(
                $"No Elastic IP {text} in {_options.Location}: it is neither an IP address nor an Elastic IP id.", "elastic-ip", text);
        return await GetElasticIpAsync(text, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<Instance> GetInstanceAsync(string id, CancellationToken cancellationToken = default) =>
        GetAsync<Instance>("instance", id, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<Instance>> ListInstancesAsync(string? ipAddress = null, CancellationToken cancellationToken = default)
    {
        var query = ipAddress is null
            ? null
            : new[] { new KeyValuePair<string, string>("ip-address", ipAddress) };
        return await ListInstancesAsync(query, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Instance>> ListInstancePoolMembersAsync(string instancePoolId, CancellationToken cancellationToken = default)
    {
        RequireId(instancePoolId, nameof(instancePoolId));
        // The API defines manager-id together with manager-type (egoscale's ListInstancesWithManagerType/-ID).
        return ListInstancesAsync(new[]
        {
            new KeyValuePair<string, string>("manager-type", ResourceManager.InstancePoolType),
            new KeyValuePair<string, string>("manager-id", instancePoolId),
        }, cancellationToken);
    }

    /// <summary>Lists the zone's Instance Pools.</summary>
    public async Task<IReadOnlyList<InstancePool>> ListInstancePoolsAsync(CancellationToken cancellationToken = default)
    {
        var request = new ApiRequest("list-instance-pools", Method.Get, "instance-pool", "instance-pool", null);
        return ApiJson.ReadList<InstancePool>(await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false), "instance-pools", request);
    }

    /// <summary>Gets one Instance Pool by id, with its <c>instances</c> and <c>elastic-ips</c>.</summary>
    public Task<InstancePool> GetInstancePoolAsync(string id, CancellationToken cancellationToken = default) =>
        GetAsync<InstancePool>("instance-pool", id, cancellationToken);

    /// <inheritdoc />
    /// <exception cref="ExoscaleInvalidRequestException">Several pools have that name.</exception>
    public async Task<InstancePool> ResolveInstancePoolAsync(string nameOrId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(nameOrId)) throw new ArgumentException("Give an Instance Pool name or id.", nameof(nameOrId));
        var text = nameOrId.Trim();
        if (Guid.TryParse(text, out _)) return await GetInstancePoolAsync(text, cancellationToken).ConfigureAwait(false);
        var named = (await ListInstancePoolsAsync(cancellationToken).ConfigureAwait(false)).Where(p => p.Name == text).ToList();
        if (named.Count > 1)
            throw new ExoscaleInvalidRequestException(
                $"{named.Count} Instance Pools of {_options.Location} are named '{text}' ({string.Join(", ", named.Select(p => p.Id))}): give its id.", 409);
        if (named.Count == 0)
            throw new ExoscaleNotFoundException($"No Instance Pool is named '{text}' or has that id in {_options.Location}.", "instance-pool", text);
        return await GetInstancePoolAsync(named[0].Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The zones the API knows (<c>GET /zone</c>), each with its API endpoint.</summary>
    public async Task<IReadOnlyList<ApiZone>> ListZonesAsync(CancellationToken cancellationToken = default)
    {
        var request = new ApiRequest("list-zones", Method.Get, "zone", "zone", null);
        var zones = ApiJson.ReadList<ApiZone>(await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false), "zones", request);
        return zones.Where(z => !string.IsNullOrEmpty(z.Name)).ToList();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SecurityGroup>> ListSecurityGroupsAsync(CancellationToken cancellationToken = default)
    {
        var request = new ApiRequest("list-security-groups", Method.Get, "security-group", "security-group", null);
        return ApiJson.ReadList<SecurityGroup>(await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false), "security-groups", request);
    }

    /// <inheritdoc />
    public Task<SecurityGroup> GetSecurityGroupAsync(string id, CancellationToken cancellationToken = default) =>
        GetAsync<SecurityGroup>("security-group", id, cancellationToken);

    /// <inheritdoc />
    public async Task<Operation> GetOperationAsync(string id, CancellationToken cancellationToken = default)
    {
        RequireId(id, nameof(id));
        Counters.CountOperationPoll();
        return await GetAsync<Operation>("operation", id, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<bool> AttachElasticIpAsync(string elasticIpId, string instanceId, CancellationToken cancellationToken = default,
        CancellationToken abandonBeforeChange = default) =>
        EnsureAttachmentAsync(elasticIpId, instanceId, attached: true, cancellationToken, abandonBeforeChange);

    /// <inheritdoc />
    public Task<bool> DetachElasticIpAsync(string elasticIpId, string instanceId, CancellationToken cancellationToken = default,
        CancellationToken abandonBeforeChange = default) =>
        EnsureAttachmentAsync(elasticIpId, instanceId, attached: false, cancellationToken, abandonBeforeChange);

    /// <summary>Releases the HTTP connections.</summary>
    public void Dispose() => _transport.Dispose();

    private async Task<IReadOnlyList<Instance>> ListInstancesAsync(
        IReadOnlyList<KeyValuePair<string, string>>? query, CancellationToken cancellationToken)
    {
        var request = new ApiRequest("list-instances", Method.Get, "instance", "instance", null, query);
        return ApiJson.ReadList<Instance>(await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false), "instances", request);
    }

    // Every get-* operation is named after its resource kind: get-instance, get-elastic-ip, get-operation, ...
    private async Task<T> GetAsync<T>(string kind, string id, CancellationToken cancellationToken) where T : class
    {
        RequireId(id, nameof(id));
        var request = new ApiRequest("get-" + kind, Method.Get, kind + "/" + id, kind, id);
        return ApiJson.Read<T>(await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false), request);
    }

    private Task<bool> EnsureAttachmentAsync(string elasticIpId, string instanceId, bool attached, CancellationToken cancellationToken,
        CancellationToken abandonBeforeChange)
    {
        RequireId(elasticIpId, nameof(elasticIpId));
        RequireId(instanceId, nameof(instanceId));
        var verb = attached ? "attach" : "detach";
        var action = attached
            ? $"attach of Elastic IP {elasticIpId} to instance {instanceId}"
            : $"detach of Elastic IP {elasticIpId} from instance {instanceId}";
        var operationName = attached ? "attach-instance-to-elastic-ip" : "detach-instance-from-elastic-ip";
        var put = new ApiRequest(operationName, Method.Put, $"elastic-ip/{elasticIpId}:{verb}", "elastic-ip", elasticIpId,
            body: ApiJson.InstanceReference(instanceId));
        var putSent = false;

        return _transport.RetryActionAsync(action, async token =>
        {
            // An earlier attempt's request may have acted even though its answer was lost.
            var mayHaveActed = putSent;
            if (await IsInWantedStateAsync(token).ConfigureAwait(false))
            {
                _logger.LogDebug("No {Action} needed: already in place", action);
                return mayHaveActed;
            }

            abandonBeforeChange.ThrowIfCancellationRequested();
            _logger.LogInformation("Starting {Action}", action);
            putSent = true;
            Operation operation;
            try
            {
                operation = ApiJson.Read<Operation>(await _transport.SendOnceAsync(put, token).ConfigureAwait(false), put);
            }
            catch (ExoscaleApiException refused) when (refused.StatusCode is 400 or 404 or 409)
            {
                // What the API answers for "already attached" / "not attached" is undocumented (a 400, a 404 that
                // Terraform's provider takes as "already detached", a 409): the instance's state decides.
                if (!await IsInWantedStateAsync(token).ConfigureAwait(false)) throw;
                _logger.LogInformation("{Action} refused ({Reason}) but already in place", action, refused.Message);
                return mayHaveActed;
            }

            var started = _options.TimeProvider.GetTimestamp();
            var end = await WaitForOperationAsync(operation, action, token).ConfigureAwait(false);
            if (end.Kind == OperationEndKind.Succeeded)
            {
                _logger.LogInformation("Done: {Action} (operation {OperationId}, {ElapsedMs} ms)",
                    action, operation.Id, (long)_options.TimeProvider.GetElapsedTime(started).TotalMilliseconds);
                return true;
            }
            // Any doubt about the operation (gone, timed out, refused as a conflict) is settled by the instance's state.
            if (end.Kind == OperationEndKind.Failed || !await IsInWantedStateAsync(token).ConfigureAwait(false))
                throw end.Failure!;
            _logger.LogInformation("{Action}: operation {OperationId} ended {Kind}, but the instance shows the change in place",
                action, operation.Id, end.Kind);
            return end.Kind == OperationEndKind.Contested ? mayHaveActed : true;
        }, cancellationToken);

        async Task<bool> IsInWantedStateAsync(CancellationToken token)
        {
            try
            {
                return (await GetInstanceAsync(instanceId, token).ConfigureAwait(false)).Holds(elasticIpId) == attached;
            }
            catch (ExoscaleNotFoundException gone) when (!attached && gone.ResourceKind == "instance")
            {
                // An instance that no longer exists holds nothing: the detach is done.
                return true;
            }
        }
    }

    /// <summary>
    /// Polls until the operation leaves "pending": often at first (the failover waits on it), then less often,
    /// within <see cref="ExoscaleClientOptions.OperationTimeout"/>. An operation that is no longer there (404)
    /// ends the wait at once: polling it again cannot bring it back.
    /// </summary>
    private async Task<OperationEnd> WaitForOperationAsync(Operation operation, string action, CancellationToken cancellationToken)
    {
        var time = _options.TimeProvider;
        var started = time.GetTimestamp();
        var delay = _options.OperationPollInitial;
        var pollErrors = 0;
        while (operation.IsPending)
        {
            var remaining = _options.OperationTimeout - time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
                throw new ExoscaleTimeoutException(
                    $"Operation {operation.Id} ({action}) was still pending after {DurationText.Of(_options.OperationTimeout)}; it may still complete.",
                    operation.Id);
            await time.Delay(delay < remaining ? delay : remaining, cancellationToken).ConfigureAwait(false);
            delay = OperationPollSchedule.Next(delay, _options.OperationPollMax);
            try
            {
                operation = await GetOperationAsync(operation.Id, cancellationToken).ConfigureAwait(false);
                pollErrors = 0;
            }
            catch (ExoscaleNotFoundException gone) when (gone.ResourceKind == "operation")
            {
                return OperationEnd.Of(operation, action, vanished: true);
            }
            catch (ExoscaleApiException e) when (++pollErrors < MaxConsecutivePollErrors)
            {
                // The operation goes on whether or not one poll got through; only a run of failures ends the wait.
                _logger.LogWarning("Polling operation {OperationId} failed ({Reason}); poll error {Count} of {Max} tolerated",
                    operation.Id, e.Message, pollErrors, MaxConsecutivePollErrors - 1);
            }
        }
        return OperationEnd.Of(operation, action, vanished: false);
    }


    /// <summary>A dotted IPv4 or an IPv6 address; bare numbers like "12345", which .NET would also take as IPv4, are ids.</summary>
    private static bool TryParseAddress(string text, out IPAddress address) =>
        IPAddress.TryParse(text, out address!) &&
        (address.AddressFamily == AddressFamily.InterNetworkV6 ? text.Contains(':') : text.Count(c => c == '.') == 3);

    /// <summary>
    /// Ids are UUIDs; anything else made of URL-safe characters is passed on (the API says whether it exists),
    /// and nothing that would change the path it is put in.
    /// </summary>
    private static bool IsId(string text) =>
        text.Length > 0 && text.All(c => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c is '-' or '_' or '.' or '~') &&
        text != "." && text != "..";

    private static void RequireId(string id, string parameter)
    {
        if (id is null || !IsId(id))
            throw new ArgumentException(
                $"'{id}' is not an Exoscale id (a UUID such as 5a30ca7d-b1e7-430a-a46a-c6ecefec4305).", parameter);
    }
}
