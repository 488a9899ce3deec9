namespace ExoIp.Transport;

/// <summary>When the next round of adverts goes out.</summary>
internal enum AdvertTiming
{
    /// <summary>At the interval's next round.</summary>
    OnCadence,

    /// <summary>At once (a new priority, the stop's 255); the regular rounds count from this one.</summary>
    Now,

    /// <summary>
    /// At once, and again a quarter interval later (this node became master). Whatever the phase of the rounds, the
    /// second comes well ahead of the cadence at every peer that hears this node: a master this node cannot hear (one
    /// way of a split) takes that as the sign to look at the API, where it will find the Elastic IP taken.
    /// </summary>
    NowAndSoonAgain,
}
