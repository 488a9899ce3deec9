using ExoIp.Election;
using ExoIp.Execution;
using ExoIp.Exoscale;

namespace ExoIp.Watchdog;

/// <summary>
/// Why this node may not hold the Elastic IP, whatever the election says: its health checks fail; the API
/// refuses its attach (an IAM role without the operation); its group or pool no longer lists it; or it hears
/// none of its peers while a running instance holds the Elastic IP that it does not know (a mistyped peer list) or
/// that is one of its peers (it is cut off from them, or they do not list it yet): it would take the address from a healthy master it
/// cannot hear. In any of these it is in the Fault role and advertises 255, so that an eligible node takes over; it
/// never attaches. Owned by the loop.
/// </summary>
internal sealed class FaultConditions
{
    // The API refused this node's last attach (403): its key's role does not allow it, which no retry changes.
    private bool _refused;

    public FaultConditions(bool healthChecked)
    {
        Healthy = !healthChecked;
    }

    /// <summary>The health checks pass (always, without checks).</summary>
    public bool Healthy { get; private set; }

    /// <summary>Its group or pool lists it (always, for static peers).</summary>
    public bool Member { get; private set; } = true;

    /// <summary>Whether it hears no peer while the API lists a running instance as the holder, and which.</summary>
    public Isolation Isolation { get; set; }

    /// <summary>The reason it is in Fault, or null when it is eligible; the first that applies.</summary>
    public ElectionReason? Reason =>
        !Healthy ? ElectionReason.Unhealthy
        : _refused ? ElectionReason.ApiRefused
        : !Member ? ElectionReason.NotMember
        : Isolation switch
        {
            Isolation.None => null,
            Isolation.StrangerHolds => ElectionReason.Isolated,
            Isolation.PeerHolds => ElectionReason.CutOff,
            _ => throw new System.ArgumentOutOfRangeException(nameof(Isolation), Isolation, null),
        };

    /// <summary>The health checks' verdict; true when it changed.</summary>
    public bool OnHealth(bool healthy)
    {
        if (healthy == Healthy) return false;
        Healthy = healthy;
        return true;
    }

    /// <summary>An answer to this node's attach: a refusal puts it in Fault, a success ends that.</summary>
    public void OnAttach(ApiCallResult result)
    {
        if (result.Succeeded) _refused = false;
        else if (result.Exception is ExoscaleAuthenticationException) _refused = true;
    }

    /// <summary>Its group or pool listed its members.</summary>
    public void OnListing(bool includesSelf) => Member = includesSelf;

    /// <summary>
    /// A reload: without checks any more it is healthy (new checks decide at their first round); static peers make
    /// it a member (a group or pool's next listing says whether it is one).
    /// </summary>
    public void Reconfigure(bool healthChecked, bool peersListed)
    {
        if (!healthChecked) Healthy = true;
        if (!peersListed) Member = true;
    }

    /// <summary>A reconciliation: a refused node tries again (its role may have been granted since).</summary>
    public void Retry() => _refused = false;
}

/// <summary>A master that hears none of its peers, as the API's listing of the holders shows its situation.</summary>
internal enum Isolation
{
    /// <summary>It hears a peer, is no master, or no running instance but itself holds the Elastic IP.</summary>
    None,

    /// <summary>A running instance that is none of its peers holds it: the peer list is likely mistyped.</summary>
    StrangerHolds,

    /// <summary>
    /// A running peer holds it, and it has heard none of its peers since it started or came back into its group: of two or
    /// more, it is cut off from them; a group's or pool's may not list it yet.
    /// </summary>
    PeerHolds,
}
