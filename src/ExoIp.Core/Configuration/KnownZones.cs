using System.Collections.Generic;

namespace ExoIp.Configuration;

/// <summary>
/// Exoscale's zones as this build knows them (the API's <c>zone-name</c> list). The API's own list
/// (<c>GET /zone</c>) wins where it can be reached; this one answers when it cannot, and completes <c>-Zone</c>.
/// </summary>
public static class KnownZones
{
    /// <summary>The zones, sorted.</summary>
    public static IReadOnlyList<string> BuiltIn { get; } = new[]
    {
        "at-vie-1", "at-vie-2", "bg-sof-1", "ch-dk-2", "ch-gva-2", "de-fra-1", "de-muc-1", "hr-zag-1",
    };

    /// <summary>The zone whose API is asked for the zone list when no endpoint is configured (Exoscale's CLI default).</summary>
    public const string ListingZone = "ch-gva-2";
}
