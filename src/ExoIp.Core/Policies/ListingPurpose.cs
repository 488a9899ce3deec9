namespace ExoIp.Policies;

/// <summary>
/// Why the Elastic IP's holders are listed: it says whether the listing is routine (an answer that confirms what was
/// believed is not news), and what its start is recorded in. One listing runs at a time: the first asked for goes.
/// </summary>
internal enum ListingPurpose
{
    /// <summary>
    /// A look at who holds the address that matters now, not routine: a master checking everyone again, one that cannot
    /// hear its peers before it acts, a change that landed after its role. The preemption rule learns the holders from it.
    /// </summary>
    Check,

    /// <summary>The preemption rule's own look at whether a live peer holds the address (routine).</summary>
    Routine,

    /// <summary>The split watch's look, every interval while it is on (routine).</summary>
    SplitWatch,
}
