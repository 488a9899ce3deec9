namespace ExoIp.Election;

/// <summary>Why the election reached its verdict.</summary>
public enum ElectionReason
{
    /// <summary>Still in the start-up hold-off (interval × dead ratio + skew): no verdict yet.</summary>
    HoldOff = 0,

    /// <summary>Master: no peer is alive.</summary>
    NoLivePeer,

    /// <summary>Master: its priority value is lower than every live peer's.</summary>
    BestPriority,

    /// <summary>Master: some live peer has the same priority, and this node's identity is the lower one.</summary>
    WonTieBreak,

    /// <summary>Backup: a live peer has a lower priority value.</summary>
    BeatenByPriority,

    /// <summary>Backup: a live peer has the same priority and a lower identity.</summary>
    LostTieBreak,

    /// <summary>Fault: no peer is alive, but a peer's address sends adverts this node cannot verify (keys differ).</summary>
    KeyMismatch,

    /// <summary>
    /// Fault: a peer's address sends adverts signed with this node's key but stamped outside the window around its wall
    /// clock, which stepped since it last accepted one (or it accepted none yet): its clock is the wrong one. It sends
    /// no advert until its clock agrees with its peers' again.
    /// </summary>
    ClockSkew,

    /// <summary>Fault: this node's health checks fail.</summary>
    Unhealthy,

    /// <summary>The API refused this node's attach several times in a row (its key may not attach): it steps aside.</summary>
    ApiRefused,

    /// <summary>Its security group or Instance Pool no longer lists it: it is out of the group.</summary>
    NotMember,

    /// <summary>It hears none of its peers while a running instance it does not know holds the Elastic IP: it stays out.</summary>
    Isolated,

    /// <summary>
    /// A running peer holds the Elastic IP that it is cut off from rather than that peer down: it has heard none of its two or
    /// more peers since it started; or, back in its group or pool less than a retry ceiling and a dead time ago, it has not
    /// heard that peer since, which may not list it again yet. It stays out.
    /// </summary>
    CutOff,

    /// <summary>
    /// A peer whose priority this node does not know (never heard, or last heard standing aside) took the Elastic IP from
    /// it: alive beyond a split, it keeps it.
    /// </summary>
    TakenByUnheardPeer,
}
