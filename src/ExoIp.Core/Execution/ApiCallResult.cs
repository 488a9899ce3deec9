using System;

namespace ExoIp.Execution;

/// <summary>
/// How an API call ended, as data the loop applies: the command, what it was described as, how long it took, and its
/// error, or its answer: a lookup's value (<see cref="ApiLookupResult{TValue}"/>), an action's holding
/// (<see cref="HoldsAfter"/>, <see cref="Changed"/>).
/// </summary>
internal record ApiCallResult(ApiCommand Command, string Description, string? InstanceId, TimeSpan Duration, string? Error)
{
    /// <summary>
    /// What failed, when the client threw (null on success and on the watchdog's own timeout): how a permanent
    /// error (a 403, a 404 of the Elastic IP) can be told from a transient one.
    /// </summary>
    public Exception? Exception { get; init; }

    /// <summary>The executor's <see cref="ApiExecutor.Epoch"/> when the call started.</summary>
    public int Epoch { get; init; }

    /// <summary>
    /// A change abandoned before its PUT, its belief dropped meanwhile (<see cref="ApiExecutor.NewEpoch"/>): nothing
    /// was asked of the API, nothing failed.
    /// </summary>
    public bool Abandoned { get; init; }

    /// <summary>True when the call succeeded.</summary>
    public bool Succeeded => Error is null;

    /// <summary>After an attach, detach or check that succeeded: whether the instance acted on holds the Elastic IP.</summary>
    public bool HoldsAfter { get; init; }

    /// <summary>After an attach or detach that succeeded: whether it changed anything.</summary>
    public bool Changed { get; init; }
}
