using System;

namespace ExoIp.Execution;

/// <summary>
/// How an API call ended, as data the loop applies: the command, what it was described as, how long it took,
/// and its value (an ElasticIp, the listed members, the static peers' identities, or a bool: "changed" for an
/// attach or detach, "holds" for a check) or its error.
/// </summary>
internal sealed record ApiCallResult(ApiCommand Command, string Description, string? InstanceId, TimeSpan Duration, object? Value, string? Error)
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
    public bool HoldsAfter => Command.HoldsAfterAction ?? (bool)Value!;

    /// <summary>After an attach or detach that succeeded: whether it changed anything.</summary>
    public bool Changed => Command.HoldsAfterAction is not null && (bool)Value!;
}
