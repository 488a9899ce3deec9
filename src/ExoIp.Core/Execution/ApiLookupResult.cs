namespace ExoIp.Execution;

/// <summary>A lookup (<see cref="ApiLookup{TValue}"/>) that succeeded, with what it read.</summary>
/// <typeparam name="TValue">What the call answers.</typeparam>
internal sealed record ApiLookupResult<TValue> : ApiCallResult
{
    /// <param name="started">The call's result but for its value.</param>
    /// <param name="value">What it read.</param>
    public ApiLookupResult(ApiCallResult started, TValue value)
        : base(started) => Value = value;

    /// <summary>What it read.</summary>
    public TValue Value { get; }
}
