using System;
using ExoIp.Election;
using ExoIp.Peers;

namespace ExoIp.Watchdog;

/// <summary>
/// The split watch: a master lists the holders every interval for a while after a peer it heard fell silent, a
/// peer's advert came ahead of its cadence, it detached a silent peer or it stalled past its peers' patience, and for as
/// long as it hears no peer at all. A silent peer may be alive
/// beyond a split and take the Elastic IP; the API is then this node's only view of it (one GET per interval). A
/// watch lasts as long as that peer would need to take the address: a dead time and two API timeouts. Owned by the
/// loop, beside the <see cref="DecisionPass"/> that runs it.
/// </summary>
internal sealed class SplitWatch
{
    private readonly WatchdogOptions _options;
    private readonly Membership _membership;
    private DateTimeOffset? _until;
    private DateTimeOffset _nextListingAt;
    private DateTimeOffset? _promptSeen; // the last early advert that started a watch

    public SplitWatch(WatchdogOptions options, Membership membership)
    {
        _options = options;
        _membership = membership;
    }

    /// <summary>
    /// Starts a watch on a peer's early advert: one that became master sends it at once, and one that cannot hear
    /// this node (a one-way split) may have taken the Elastic IP from it.
    /// </summary>
    public void OnPrompt(DateTimeOffset now)
    {
        if (_membership.LastPromptAt is not { } prompt || prompt == _promptSeen) return;
        _promptSeen = prompt;
        Start(now);
    }

    /// <summary>Starts a watch: a peer fell silent, which may mean dead, or alive beyond a split.</summary>
    public void PeerFellSilent(DateTimeOffset now) => Start(now);

    /// <summary>
    /// Starts a watch: this node detached the Elastic IP from a peer it does not hear (one it never heard since it
    /// started, too), which, alive beyond a split, takes it back.
    /// </summary>
    public void DetachedSilentPeer(DateTimeOffset now) => Start(now);

    /// <summary>
    /// Starts a watch: this node stalled long enough to be declared dead. Its peers' adverts, read when it resumed, say
    /// nothing of what they decided while it was silent: one may be detaching it now.
    /// </summary>
    public void Stalled(DateTimeOffset now) => Start(now);

    /// <summary>
    /// Whether a node in <paramref name="role"/> watches at <paramref name="now"/>. A backup watches while a peer is alive
    /// only by the API's word: that peer counts alive while it holds the Elastic IP, and only a listing says when it no
    /// longer does (let go beyond the split, or detached by hand): without one, a backup deferring to it would wait for ever.
    /// </summary>
    public bool IsOn(DateTimeOffset now, NodeRole role) => role switch
    {
        NodeRole.Master => _until > now || (_membership.Peers.Count > 0 && !_membership.View.AnyHeard()),
        NodeRole.Backup => _membership.View.AnyVouched(),
        _ => false,
    };

    /// <summary>Whether the watch is on and an interval has passed since its last listing.</summary>
    public bool ListingDue(DateTimeOffset now, NodeRole role) => IsOn(now, role) && now >= _nextListingAt;

    /// <summary>A listing of the watch started: the next is due an interval from now.</summary>
    public void Listed(DateTimeOffset now) => _nextListingAt = now + _options.Interval;

    /// <summary>When the watch next lists the holders; null when it is off.</summary>
    public DateTimeOffset? NextListingAt(DateTimeOffset now, NodeRole role) =>
        !IsOn(now, role) ? null : _nextListingAt > now ? _nextListingAt : now + _options.Interval;

    private void Start(DateTimeOffset now) => _until = now + _options.Timing.DeadAfter + _options.ApiTimeout + _options.ApiTimeout;
}
