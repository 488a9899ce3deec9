using System;
using System.Threading.Tasks;
using ExoIp.Exoscale;
using ExoIp.Peers;
using ExoIp.Watchdog;

namespace ExoIp.Execution;

/// <summary>
/// An attach, a detach or a check of the Elastic IP on an instance: its answer is whether that instance holds it
/// afterwards (<see cref="ApiCallResult.HoldsAfter"/>), and for a change whether it changed anything.
/// </summary>
internal abstract record ApiAction : ApiCommand
{
    private protected ApiAction(Peer? target = null) : base(target) { }

    /// <summary>Attach, detach or check.</summary>
    public abstract override ApiActionKind? Action { get; }

    /// <summary>
    /// <paramref name="started"/>, answered <paramref name="answer"/>: the client's, which says whether an attach or a
    /// detach changed anything, and whether a checked instance holds the Elastic IP.
    /// </summary>
    public ApiCallResult Answered(ApiCallResult started, bool answer) => started with
    {
        HoldsAfter = HoldsAfterAction ?? answer,
        Changed = HoldsAfterAction is not null && answer,
    };

    internal sealed override async Task<ApiCallResult> AnswerAsync(ApiCall call, ApiCallResult started) =>
        Answered(started, await CallAsync(call).ConfigureAwait(false));

    internal sealed override void Deliver(ApiCallResult result, IApiAnswers answers, DateTimeOffset now) => answers.ActionAnswered(result, now);

    /// <summary>The call on the client.</summary>
    protected abstract Task<bool> CallAsync(ApiCall call);

    /// <summary>A peer instance that no longer exists holds nothing; retrying it forever would only cost calls.</summary>
    private protected static async Task<bool> GoneMeansNotHolding(Task<bool> call)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (ExoscaleNotFoundException ex) when (ex.ResourceKind == "instance")
        {
            return false;
        }
    }
}
