using System;

namespace ExoIp.Peers;

/// <summary>
/// What the API told this node about a peer beyond what its adverts say, as two independent parts: what the API
/// showed while the peer was silent (<see cref="Silence"/>, over once it is heard), and whether this node took the
/// Elastic IP from it while it was alive (<see cref="Revoked"/>, over once the API shows it holding again, heard or
/// not). Every combination of the two can occur. Owned by the loop, like its <see cref="Peer"/>.
/// </summary>
internal sealed class ApiStanding
{
    /// <summary>What the API showed since the peer was last heard.</summary>
    public SilentStanding Silence { get; private set; }

    /// <summary>
    /// Silent, yet the API showed it took the Elastic IP (from this node, back after this node detached it, or after
    /// the API showed it without it): it runs, on the other side of a split. It counts as alive at its last advertised
    /// priority until heard again or listed without the address, so the worse side of the split defers to the better
    /// one instead of taking the address back at every look.
    /// </summary>
    public bool Vouched => Silence is SilentStanding.Vouched or SilentStanding.VouchedAfterDetach;

    /// <summary>
    /// When the API showed the silent peer taking the Elastic IP while this node held it (after seeing it without): as
    /// master beyond a split, it is detaching this node; null otherwise, and once this node is found without the address.
    /// </summary>
    public DateTimeOffset? TookAt { get; private set; }

    /// <summary>
    /// This node detached the Elastic IP from the peer while it was not dead to it (heard again before the detach was
    /// done, or vouched for), and has not seen it hold the address since: the peer may have checked its holding before
    /// the detach landed, and believes it still holds the address. Nothing told it otherwise.
    /// </summary>
    public bool Revoked { get; private set; }

    private bool DetachedWhileSilent => Silence is SilentStanding.DetachedWhileSilent or SilentStanding.VouchedAfterDetach;

    /// <summary>An advert of the peer was accepted: what the API showed during its silence no longer says anything.</summary>
    public void Heard() => Become(SilentStanding.Unremarked, null);

    /// <summary>This node's detach of the Elastic IP from the peer changed something.</summary>
    /// <param name="dead">The peer was dead to this node when the answer came.</param>
    public void DetachedFromIt(bool dead)
    {
        if (!dead) Revoked = true;
        else Become(Vouched ? SilentStanding.VouchedAfterDetach : SilentStanding.DetachedWhileSilent, TookAt);
    }

    /// <summary>
    /// The API showed the peer holding the Elastic IP (a check, an attach for it): it knows it holds it. Silent, and
    /// seen without it before, it took it meanwhile: it runs.
    /// </summary>
    public void SeenHolding(DateTimeOffset now)
    {
        Revoked = false;
        if (Silence == SilentStanding.SeenWithout) Become(SilentStanding.Vouched, now);
    }

    /// <summary>A check showed the silent peer without the Elastic IP.</summary>
    public void SeenWithoutWhileSilent()
    {
        if (Silence == SilentStanding.Unremarked) Become(SilentStanding.SeenWithout, null);
    }

    /// <summary>
    /// A split watch's listing of the holders names the peer. Only a silent peer that took the address shows it runs
    /// (<paramref name="lostIt"/>: from this node, which believed it held it; back after this node detached it; or after
    /// a listing without it); one that merely still holds it may be dead with it.
    /// </summary>
    public void Listed(bool silent, bool lostIt, DateTimeOffset now)
    {
        if (!silent || Vouched) return;
        if (DetachedWhileSilent) Become(SilentStanding.VouchedAfterDetach, null);
        else if (lostIt) Become(SilentStanding.Vouched, null);
        else if (Silence == SilentStanding.SeenWithout) Become(SilentStanding.Vouched, now);
    }

    /// <summary>
    /// A split watch's listing of the holders does not name the peer: silent again, as far as anyone can tell, and seen
    /// without the address (<paramref name="silent"/>: not heard).
    /// </summary>
    public void NotListed(bool silent) =>
        Become(DetachedWhileSilent ? SilentStanding.DetachedWhileSilent : silent ? SilentStanding.SeenWithout : SilentStanding.Unremarked, null);

    /// <summary>This node was found without the Elastic IP: whatever detach of it the peer had under way is over.</summary>
    public void SelfLost() => TookAt = null;

    private void Become(SilentStanding silence, DateTimeOffset? tookAt)
    {
        Silence = silence;
        TookAt = tookAt;
    }
}
