using System;

namespace ExoIp.Preemption;

/// <summary>The priority byte a node puts in its adverts, from its configured priority and its <see cref="Eligibility"/>.</summary>
public static class AdvertisedPriority
{
    /// <summary>What a deferring node advertises: worse than any configured priority below it.</summary>
    public const byte Deferring = 254;

    /// <summary>What an unhealthy or stopping node advertises: never elected while anyone else is eligible.</summary>
    public const byte Ineligible = 255;

    /// <summary>The byte to advertise. A node configured at 254 or 255 advertises that whatever it does.</summary>
    public static byte For(byte configured, Eligibility eligibility) => eligibility switch
    {
        Eligibility.Eligible => configured,
        Eligibility.Deferring => Math.Max(configured, Deferring),
        _ => Ineligible,
    };

    /// <summary>What a peer's advertised byte says of it.</summary>
    public static Eligibility Of(byte advertised) => advertised switch
    {
        Ineligible => Eligibility.Ineligible,
        Deferring => Eligibility.Deferring,
        _ => Eligibility.Eligible,
    };
}
