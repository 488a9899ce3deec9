using System;
using System.Collections.Generic;
using ExoIp.Peers;
using ExoIp.Preemption;

namespace ExoIp.Election;

/// <summary>
/// Who should be master: a pure function of what the node has heard, so every node reaches the same verdict
/// from the same adverts. (Named Elector, not Election, so the type does not shadow its namespace.)
/// </summary>
internal static class Elector
{
    /// <summary>
    /// Decides this node's role. Lowest priority value wins; equal priorities go to the lower identity
    /// (RFC 4122 bytes), which fixes the original's "every node is master" with equal priorities. Peers
    /// never heard from, or silent for more than interval × dead ratio, do not count. No verdict during
    /// the hold-off after <paramref name="listeningSince"/>, nor before it (null: the node does not know its
    /// peers yet, so it cannot have heard them). A peer never heard that the API vouches for (it took the Elastic IP
    /// from this node) beats this node whatever its priority, which is unknown; so does one last heard standing aside.
    /// </summary>
    public static ElectionVerdict Decide(
        ElectionCandidate self,
        IEnumerable<Peer> peers,
        DateTimeOffset? listeningSince,
        DateTimeOffset now,
        ElectionTiming timing)
    {
        var live = 0;
        Peer? best = null; // the best of the peers that beat this node
        ElectionCandidate bestCandidate = default;
        var beaten = self; // this node as the best compared it
        var tied = false;
        Peer? unheardHolder = null;
        foreach (var peer in peers)
        {
            if (!peer.IsAliveAt(now, timing)) continue;
            // Vouched for by the API without ever being heard, or last heard standing aside (254, 255: it has since taken
            // the Elastic IP, so that no longer holds): its priority is unknown, and it took the Elastic IP from this node;
            // deferring to it is what keeps the two sides of a split from taking turns.
            if (peer.Candidate is not { } candidate || (peer.Standing.Vouched && candidate.Priority >= AdvertisedPriority.Deferring))
            {
                if (peer.Standing.Vouched) unheardHolder ??= peer;
                continue;
            }
            live++;
            tied |= candidate.Priority == self.Priority;
            // Beyond a split, a peer is compared with this node as it last heard it, as it compares this node with itself:
            // both sides reach one verdict, though a priority changed on either side since (a health check, a flip).
            var rival = peer.Standing.Vouched && peer.PriorityItKnows is { } known ? self with { Priority = known } : self;
            if (!candidate.Beats(rival)) continue;
            if (best is null || candidate.Beats(bestCandidate))
            {
                best = peer;
                bestCandidate = candidate;
                beaten = rival;
            }
        }

        if (listeningSince is not { } since || timing.IsHoldingOff(since, now))
            return new ElectionVerdict(NodeRole.Starting, ElectionReason.HoldOff, null, null, live);
        if (unheardHolder is not null)
            return new ElectionVerdict(NodeRole.Backup, ElectionReason.TakenByUnheardPeer, unheardHolder.Address, null, live);
        if (live == 0)
            return new ElectionVerdict(NodeRole.Master, ElectionReason.NoLivePeer, null, null, 0);
        if (best is not null)
        {
            var reason = bestCandidate.Priority < beaten.Priority ? ElectionReason.BeatenByPriority : ElectionReason.LostTieBreak;
            return new ElectionVerdict(NodeRole.Backup, reason, best.Address, bestCandidate, live);
        }
        return new ElectionVerdict(NodeRole.Master, tied ? ElectionReason.WonTieBreak : ElectionReason.BestPriority, null, null, live);
    }
}
