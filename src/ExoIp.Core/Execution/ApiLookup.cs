using System;
using System.Threading.Tasks;

namespace ExoIp.Execution;

/// <summary>A command that reads something (the Elastic IP, the peers, the holders): its answer is a value of its own type.</summary>
/// <typeparam name="TValue">What the call answers.</typeparam>
internal abstract record ApiLookup<TValue> : ApiCommand
{
    /// <summary><paramref name="started"/>, answered <paramref name="value"/>.</summary>
    public ApiLookupResult<TValue> Answered(ApiCallResult started, TValue value) => new(started, value);

    internal sealed override async Task<ApiCallResult> AnswerAsync(ApiCall call, ApiCallResult started) =>
        Answered(started, await CallAsync(call).ConfigureAwait(false));

    // A lookup's success is always the result AnswerAsync made, with its value.
    internal sealed override void Deliver(ApiCallResult result, IApiAnswers answers, DateTimeOffset now) =>
        Deliver(((ApiLookupResult<TValue>)result).Value, result, answers, now);

    /// <summary>The call on the client.</summary>
    protected abstract Task<TValue> CallAsync(ApiCall call);

    /// <summary>Hands what it read to the method of <paramref name="answers"/> for its kind.</summary>
    private protected abstract void Deliver(TValue value, ApiCallResult result, IApiAnswers answers, DateTimeOffset now);
}
