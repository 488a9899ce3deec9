using System;

namespace ExoIp.Status;

/// <summary>When a watchdog takes the Elastic IP back from a worse live holder, in a <see cref="StatusReport"/>.</summary>
/// <param name="NoPreempt">Never (-NoPreempt, -Pn): it waits for the holder to die.</param>
/// <param name="Delay">Otherwise, after this long (-PreemptDelay, -Pd).</param>
/// <param name="Deferring">It advertises 254 now: waiting out its delay, or deferring to a live holder.</param>
public sealed record PreemptionStatus(bool NoPreempt, TimeSpan Delay, bool Deferring);
