using System;
using System.Net;

namespace ExoIp.Election;

/// <summary>The election's answer: this node's role, why, and who the master is when it is not this node.</summary>
/// <param name="Role">Starting (hold-off), Master or Backup.</param>
/// <param name="Reason">Why.</param>
/// <param name="MasterAddress">For a backup: the address of the live peer that wins.</param>
/// <param name="Master">For a backup: that peer's identity and priority.</param>
/// <param name="LivePeers">How many peers were alive.</param>
public sealed record ElectionVerdict(
    NodeRole Role,
    ElectionReason Reason,
    IPAddress? MasterAddress,
    ElectionCandidate? Master,
    int LivePeers)
{
    /// <summary>A readable explanation, e.g. "backup: 127.0.0.2 has priority 5, lower than 10".</summary>
    public string Describe(byte ownPriority) => Reason switch
    {
        ElectionReason.HoldOff => "starting: hold-off, listening to peers before deciding",
        ElectionReason.NoLivePeer => "master: no live peer",
        ElectionReason.BestPriority => $"master: priority {ownPriority} is the best of {LivePeers + 1} live nodes",
        ElectionReason.WonTieBreak => $"master: priority {ownPriority} ties with a live peer and this node's identity is lower",
        ElectionReason.BeatenByPriority => $"backup: {MasterAddress} has priority {Master?.Priority}, better than {ownPriority}",
        ElectionReason.LostTieBreak => $"backup: {MasterAddress} has the same priority {ownPriority} and a lower identity",
        ElectionReason.KeyMismatch => "fault: the peers' adverts cannot be verified with this node's key (the keys differ); staying out of the election",
        ElectionReason.ClockSkew => "fault: the peers' adverts are stamped too far from this node's wall clock, which stepped (is NTP running?); staying out of the election",
        ElectionReason.Unhealthy => MasterAddress is null
            ? "fault: the health checks fail and no live node is healthy"
            : $"fault: the health checks fail; {MasterAddress} is healthy and takes over",
        ElectionReason.ApiRefused => "fault: the API refused this node's attach (does its key's IAM role allow attach-instance-to-elastic-ip?); advertising 255 so that another node takes over",
        ElectionReason.NotMember => "fault: this node's security group or Instance Pool no longer lists it; staying out",
        ElectionReason.Isolated => "fault: no peer is heard, and a running instance that is not a peer holds the Elastic IP; staying out rather than taking it (check the peer list)",
        ElectionReason.CutOff => "fault: none of the peers has been heard since the start (or since this node came back into its group) while one of them, a running instance, holds the Elastic IP: this node is cut off from them, or they do not list it yet; staying out rather than taking it (check the network between the nodes)",
        ElectionReason.TakenByUnheardPeer => $"backup: {MasterAddress}, a peer this node does not hear and whose priority it does not know (never heard, or last heard standing aside), took the Elastic IP from it (a split); it keeps it until heard or seen without it",
        _ => throw new ArgumentOutOfRangeException(nameof(Reason), Reason, null),
    };
}
