namespace ExoIp.Preemption;

/// <summary>
/// What a node tells its peers about its candidacy, through the priority it advertises: the 24-byte advert
/// has no other room, and every node must reach the same verdict from the same datagrams.
/// </summary>
public enum Eligibility
{
    /// <summary>It may be master: it advertises its own priority.</summary>
    Eligible = 0,

    /// <summary>
    /// It is alive and healthy but must not take the Elastic IP from the master (a preempt delay running,
    /// or no-preempt): it advertises <see cref="AdvertisedPriority.Deferring"/> (254), so that it wins only
    /// when no better candidate is alive.
    /// </summary>
    Deferring,

    /// <summary>
    /// It must not be elected (unhealthy, or stopping): it advertises <see cref="AdvertisedPriority.Ineligible"/>
    /// (255). It never attaches the Elastic IP; if it holds it and no eligible node is alive, it keeps it.
    /// </summary>
    Ineligible,
}
