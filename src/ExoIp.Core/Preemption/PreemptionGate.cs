using System;

namespace ExoIp.Preemption;

/// <summary>
/// Whether this node may take the Elastic IP from a live master, under -PreemptDelay and -NoPreempt; pure,
/// one per watchdog, fed by the loop on every pass. The rule is the node's own and is told through its
/// advertised priority (<see cref="Eligibility"/>), so the peers need not share its options: an unhealthy
/// node is ineligible; a node that holds the Elastic IP is eligible (deferring would hand it to a worse one);
/// else, while another live, eligible node holds the Elastic IP (as the API last said), a no-preempt node
/// defers for good and a node with a preempt delay defers until it has been out of its hold-off and healthy,
/// without a break, for the delay. With no such holder (it died, stopped, turned unhealthy, or none) nothing
/// defers: taking over then is a failover, not a preemption.
/// </summary>
public sealed class PreemptionGate
{
    private DateTimeOffset? _readySince;

    /// <summary>A gate for these options.</summary>
    /// <param name="preemptDelay">How long a better node waits, alive and healthy, before it takes the Elastic IP back; zero for at once.</param>
    /// <param name="noPreempt">Never take the Elastic IP from a live, healthy master.</param>
    public PreemptionGate(TimeSpan preemptDelay, bool noPreempt)
    {
        if (preemptDelay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(preemptDelay), preemptDelay, "must not be negative.");
        PreemptDelay = preemptDelay;
        NoPreempt = noPreempt;
    }

    /// <summary>The preempt delay.</summary>
    public TimeSpan PreemptDelay { get; }

    /// <summary>Whether this node never preempts.</summary>
    public bool NoPreempt { get; }

    /// <summary>When the current unbroken run of "out of the hold-off and healthy" began; null when not in one.</summary>
    public DateTimeOffset? ReadySince => _readySince;

    /// <summary>When a running preempt delay ends; null when none runs.</summary>
    public DateTimeOffset? DelayEndsAt => NoPreempt || PreemptDelay == TimeSpan.Zero ? null : _readySince + PreemptDelay;

    /// <summary>Decides this pass's eligibility.</summary>
    /// <param name="now">The loop's time.</param>
    /// <param name="healthy">The health checks pass (true when there are none).</param>
    /// <param name="holdingOff">The node is in its start-up hold-off.</param>
    /// <param name="selfHolds">The API last said this node holds the Elastic IP.</param>
    /// <param name="eligibleHolderElsewhere">The API last said another node holds it, and that node is alive and advertises an eligible priority.</param>
    public Eligibility Evaluate(DateTimeOffset now, bool healthy, bool holdingOff, bool selfHolds, bool eligibleHolderElsewhere)
    {
        if (!healthy)
        {
            _readySince = null;
            return Eligibility.Ineligible;
        }
        if (holdingOff) _readySince = null;
        else _readySince ??= now;
        if (selfHolds || !eligibleHolderElsewhere) return Eligibility.Eligible;
        if (NoPreempt) return Eligibility.Deferring;
        if (PreemptDelay == TimeSpan.Zero) return Eligibility.Eligible;
        return _readySince is { } since && now - since >= PreemptDelay ? Eligibility.Eligible : Eligibility.Deferring;
    }
}
