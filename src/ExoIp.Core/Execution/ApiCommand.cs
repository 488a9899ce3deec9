using System;
using System.Threading.Tasks;
using ExoIp.Peers;
using ExoIp.Watchdog;

namespace ExoIp.Execution;

/// <summary>
/// One API call a policy wants. The executor runs at most one per <see cref="ApiSlotKind"/> and drops the others
/// (the policy asks again at the next decision pass), so policies say what they want, not when a slot is free.
/// Each kind is its own type (Execution/Commands), which says its slot, its action, its description and its call:
/// a new kind that leaves one out does not build, and each answer comes back typed (<see cref="ApiLookup{TValue}"/>,
/// <see cref="ApiAction"/>).
/// </summary>
internal abstract record ApiCommand
{
    private protected ApiCommand(Peer? target = null) => Target = target;

    /// <summary>The peer acted on, for the peer commands.</summary>
    public Peer? Target { get; }

    /// <summary>Asked by a routine reconciliation: an answer that only confirms what was believed is not news.</summary>
    public bool Routine { get; init; }

    /// <summary>Which slot it runs in.</summary>
    public abstract ApiSlotKind Slot { get; }

    /// <summary>For attach, detach and check: which (they become ApiAction events).</summary>
    public virtual ApiActionKind? Action => null;

    /// <summary>Whether the instance acted on holds the Elastic IP once an attach or detach succeeded; null for the others.</summary>
    public bool? HoldsAfterAction => Action switch
    {
        ApiActionKind.Attach => true,
        ApiActionKind.Detach => false,
        _ => null,
    };

    /// <summary>What it does, as the log and the events say it, with the options it starts with.</summary>
    public abstract string Describe(WatchdogOptions options);

    /// <summary>Makes the call: <paramref name="started"/> (its description, instance and epoch) with the answer.</summary>
    internal abstract Task<ApiCallResult> AnswerAsync(ApiCall call, ApiCallResult started);

    /// <summary>Hands its successful <paramref name="result"/>, answered at <paramref name="now"/>, to the method of <paramref name="answers"/> for its kind.</summary>
    internal abstract void Deliver(ApiCallResult result, IApiAnswers answers, DateTimeOffset now);

    /// <summary>Its kind, and the peer's address for a peer command: "AttachSelf", "DetachPeer(10.0.0.3)".</summary>
    public sealed override string ToString() => Target is null ? GetType().Name : $"{GetType().Name}({Target.Address})";
}
