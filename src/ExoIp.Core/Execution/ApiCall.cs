using System.Threading;
using System.Threading.Tasks;
using ExoIp.Exoscale;
using ExoIp.Watchdog;

namespace ExoIp.Execution;

/// <summary>What a command's call is given by the executor when it starts.</summary>
/// <param name="api">The client.</param>
/// <param name="options">The options the call started with: a reload may change them while it runs.</param>
/// <param name="elasticIpId">The Elastic IP's id once resolved; the actions need it.</param>
/// <param name="instance">The instance acted on, for the actions.</param>
/// <param name="cancellation">Ends the call: its timeout, or the executor's abort.</param>
/// <param name="beliefs">Abandons a change not asked for yet: the belief it was decided on was dropped.</param>
internal sealed class ApiCall(IExoscaleClient api, WatchdogOptions options, string? elasticIpId, string? instance, CancellationToken cancellation,
    CancellationToken beliefs)
{
    public IExoscaleClient Api => api;

    public WatchdogOptions Options => options;

    public string? ElasticIpId => elasticIpId;

    public CancellationToken Cancellation => cancellation;

    /// <summary>Attaches the Elastic IP to the instance (the client checks first): true when that changed something.</summary>
    public Task<bool> AttachAsync() => api.AttachElasticIpAsync(elasticIpId!, instance!, cancellation, beliefs);

    /// <summary>Detaches it from the instance (the client checks first): true when that changed something.</summary>
    public Task<bool> DetachAsync() => api.DetachElasticIpAsync(elasticIpId!, instance!, cancellation, beliefs);

    /// <summary>Whether the instance holds it.</summary>
    public async Task<bool> HoldsAsync() => (await api.GetInstanceAsync(instance!, cancellation).ConfigureAwait(false)).Holds(elasticIpId!);
}
