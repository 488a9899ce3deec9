namespace ExoIp.Peers;

/// <summary>
/// What the API showed of a peer since it was last heard (see <see cref="ApiStanding"/>, which moves it). Hearing the
/// peer again ends every one of them: its adverts then say more than the API.
/// </summary>
internal enum SilentStanding
{
    /// <summary>Nothing beyond its adverts (or its silence).</summary>
    Unremarked,

    /// <summary>
    /// The API showed it without the Elastic IP while it was silent (a split watch's listing, a check): seen holding it
    /// afterwards, it took the address while silent, so it runs (a master beyond a split).
    /// </summary>
    SeenWithout,

    /// <summary>This node detached the Elastic IP from it while it was silent: seen holding it again, it runs.</summary>
    DetachedWhileSilent,

    /// <summary>Silent, yet seen holding the Elastic IP that it took (from this node, or while silent): alive by the API's word.</summary>
    Vouched,

    /// <summary>
    /// Both: detached while silent and listed holding it since. No longer listed, it falls back to
    /// <see cref="DetachedWhileSilent"/>, not to <see cref="Unremarked"/>.
    /// </summary>
    VouchedAfterDetach,
}
