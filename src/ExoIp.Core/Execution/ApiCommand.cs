using ExoIp.Peers;
using ExoIp.Watchdog;

namespace ExoIp.Execution;

/// <summary>What a policy asks of the API.</summary>
internal enum ApiCommandKind
{
    /// <summary>Find the Elastic IP's id from its address.</summary>
    ResolveElasticIp = 0,

    /// <summary>List the security group's members, or look up the static peers' instances.</summary>
    RefreshPeers,

    /// <summary>Attach the Elastic IP to this node (the client checks first).</summary>
    AttachSelf,

    /// <summary>Detach it from this node (the client checks first).</summary>
    DetachSelf,

    /// <summary>Look whether this node holds it.</summary>
    CheckSelf,

    /// <summary>Detach it from a peer (or a departed one); an instance that no longer exists holds nothing.</summary>
    DetachPeer,

    /// <summary>Attach it to the successor of a handover, which does not hold it.</summary>
    AttachForSuccessor,

    /// <summary>Look whether a peer holds it; an instance that no longer exists holds nothing.</summary>
    CheckPeer,
}

/// <summary>
/// One API call a policy wants. The executor runs at most one per <see cref="ApiSlotKind"/> and drops the others
/// (the policy asks again at the next decision pass), so policies say what they want, not when a slot is free.
/// </summary>
/// <param name="Kind">What to do.</param>
/// <param name="Target">The peer acted on, for the peer commands.</param>
internal sealed record ApiCommand(ApiCommandKind Kind, Peer? Target = null)
{
    /// <summary>Asked by a routine reconciliation: an answer that only confirms what was believed is not news.</summary>
    public bool Routine { get; init; }

    /// <summary>Which slot it runs in.</summary>
    public ApiSlotKind Slot => Kind switch
    {
        ApiCommandKind.ResolveElasticIp => ApiSlotKind.ElasticIp,
        ApiCommandKind.RefreshPeers => ApiSlotKind.PeerList,
        ApiCommandKind.AttachSelf or ApiCommandKind.DetachSelf or ApiCommandKind.CheckSelf => ApiSlotKind.Self,
        _ => ApiSlotKind.Peer,
    };

    /// <summary>For attach, detach and check: which (they become ApiAction events).</summary>
    public ApiActionKind? Action => Kind switch
    {
        ApiCommandKind.AttachSelf or ApiCommandKind.AttachForSuccessor => ApiActionKind.Attach,
        ApiCommandKind.DetachSelf or ApiCommandKind.DetachPeer => ApiActionKind.Detach,
        ApiCommandKind.CheckSelf or ApiCommandKind.CheckPeer => ApiActionKind.Check,
        _ => null,
    };

    /// <summary>Whether the instance acted on holds the Elastic IP once an attach or detach succeeded; null for the others.</summary>
    public bool? HoldsAfterAction => Action switch
    {
        ApiActionKind.Attach => true,
        ApiActionKind.Detach => false,
        _ => null,
    };

    /// <inheritdoc />
    public override string ToString() => Target is null ? Kind.ToString() : $"{Kind}({Target.Address})";
}

/// <summary>One kind of API work: at most one call of a kind is in flight.</summary>
internal enum ApiSlotKind
{
    /// <summary>Resolving the Elastic IP.</summary>
    ElasticIp = 0,

    /// <summary>Listing the peers.</summary>
    PeerList,

    /// <summary>Acting on this node.</summary>
    Self,

    /// <summary>Acting on a peer.</summary>
    Peer,
}
