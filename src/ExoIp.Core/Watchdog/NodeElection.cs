using System;
using ExoIp.Election;
using ExoIp.Peers;
using ExoIp.Protocol;

namespace ExoIp.Watchdog;

/// <summary>
/// This node's election in a pass: the <see cref="Elector"/>'s verdict at the priority it advertises, put out of the
/// election when its key or its clock cannot be trusted; the isolation that keeps the master it would be out; the role a
/// fault condition makes of the verdict. Owned by the loop, beside the <see cref="DecisionPass"/> that runs it.
/// </summary>
internal sealed class NodeElection(WatchdogOptions options, Membership membership, VerificationWatch verification, FaultConditions faults, ListedHolders listedHolders)
{
    // How far a peer's advert stamp may be from this node's wall clock.
    private readonly TimeSpan _stampWindow = AdvertisementVerifier.WindowFor(options.Interval, options.DeadRatio);

    /// <summary>The election's verdict were this node to advertise <paramref name="priority"/>.</summary>
    public ElectionVerdict At(byte priority, DateTimeOffset now) =>
        Elector.Decide(new ElectionCandidate(options.InstanceId, priority), membership.Peers, membership.ListeningSince, now, options.Timing);

    /// <summary>
    /// The verdict of this pass, advertising <paramref name="advertised"/> (its own priority is <paramref name="priority"/>);
    /// the isolation of the master it would be is brought up to date with it.
    /// </summary>
    public ElectionVerdict Decide(byte advertised, byte priority, DateTimeOffset now, DateTimeOffset wall)
    {
        var verdict = At(advertised, now);
        // Alone only because its peers' adverts cannot be verified: a node whose key differs must not attach the
        // Elastic IP (and detach it from the "dead" real master); it stays out (README, "Authenticated adverts").
        // Only a node that has verified no peer with its key: one that has is right, and the others are misconfigured.
        var alone = verdict is { Role: NodeRole.Master, LivePeers: 0 };
        if (alone && verification.KeySuspect(now, options.Timing.DeadAfter))
            verdict = new ElectionVerdict(NodeRole.Fault, ElectionReason.KeyMismatch, null, null, 0);
        // A node whose wall clock stepped away from its peers' stays out at once, before its peers look dead to it: the
        // adverts it hears next are refused, and those it sends will be (Silent).
        if (verification.ClockSuspect(now, wall, _stampWindow, alone))
            verdict = new ElectionVerdict(NodeRole.Fault, ElectionReason.ClockSkew, null, null, 0);
        // Isolation concerns the master this node would be: isolated, it advertises 255 and loses to any peer it hears, which
        // must not end it (it would take turns: master, Fault, backup, master…).
        var wouldLead = verdict.Role == NodeRole.Master || (faults.Isolation != Isolation.None && At(priority, now).Role == NodeRole.Master);
        faults.Isolation = wouldLead ? listedHolders.IsolationAt(now) : Isolation.None;
        return verdict;
    }

    /// <summary>
    /// The role <paramref name="verdict"/> makes of this node: in Fault (unhealthy, refused, out of its group, isolated)
    /// whatever the election says; the policy reads the verdict to know whether an eligible node beats it (and so takes over).
    /// </summary>
    public ElectionVerdict Effective(ElectionVerdict verdict) =>
        faults.Reason is not { } fault || verdict.Role is NodeRole.Starting or NodeRole.Fault ? verdict : Faulted(verdict, fault);

    // In Fault, it advertises 255: the election's master, when it has a better priority, is an eligible node to hand over to.
    private static ElectionVerdict Faulted(ElectionVerdict verdict, ElectionReason reason) => verdict with
    {
        Role = NodeRole.Fault,
        Reason = reason,
        MasterAddress = verdict is { Role: NodeRole.Backup, Master.Priority: < WatchdogEngine.StoppingPriority } ? verdict.MasterAddress : null,
    };
}
