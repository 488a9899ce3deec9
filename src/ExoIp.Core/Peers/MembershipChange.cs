namespace ExoIp.Peers;

/// <summary>What changed in the peer table, as <see cref="Membership"/> reports it; the engine's telemetry tells it.</summary>
internal enum MembershipChangeKind
{
    /// <summary>A peer started advertising, or came back.</summary>
    Up = 0,

    /// <summary>A peer fell silent for more than interval × dead ratio.</summary>
    Down,

    /// <summary>A listing (a security group's members) added a peer.</summary>
    Joined,

    /// <summary>A listing no longer has a peer: it leaves the election.</summary>
    Left,

    /// <summary>The first listing answered: the peers are known and the hold-off starts.</summary>
    Listed,

    /// <summary>A static peer address turned out to be this node: no longer a peer.</summary>
    Self,

    /// <summary>No instance has a static peer's address.</summary>
    Unresolved,

    /// <summary>The instance behind a static peer's address changed.</summary>
    Replaced,
}

/// <summary>One change of the peer table.</summary>
/// <param name="Kind">What changed.</param>
/// <param name="Peer">The peer concerned (for <see cref="MembershipChangeKind.Listed"/>: null).</param>
/// <param name="Count">For <see cref="MembershipChangeKind.Listed"/>: how many peers were listed.</param>
internal sealed record MembershipChange(MembershipChangeKind Kind, Peer? Peer, int Count = 0);
