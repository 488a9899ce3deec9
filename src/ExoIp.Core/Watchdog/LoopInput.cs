using System;
using System.Net;
using ExoIp.Execution;
using ExoIp.Health;
using ExoIp.Protocol;

namespace ExoIp.Watchdog;

/// <summary>What the watchdog loop reacts to. Everything that changes its state arrives as one of these.</summary>
internal abstract record LoopInput
{
    private LoopInput() { }

    /// <summary>
    /// An advert for this Elastic IP arrived from a peer's address (decoded and screened by the receiver, stamped when it
    /// arrived); <paramref name="SignedWithNextKey"/>: verified with this node's next key, not its current one.
    /// </summary>
    public sealed record Advert(Advertisement Advertisement, IPAddress Source, DateTimeOffset At, bool SignedWithNextKey = false) : LoopInput;

    /// <summary>The clock's timer ended the loop's wait (<see cref="ClockLoopWait"/>): a deadline or the interval's look at the time is due.</summary>
    public sealed record Wake : LoopInput
    {
        public static readonly Wake Instance = new();
    }

    /// <summary>The priority was changed from outside the loop.</summary>
    public sealed record PriorityChanged : LoopInput
    {
        public static readonly PriorityChanged Instance = new();
    }

    /// <summary>The health checks' verdict changed.</summary>
    public sealed record HealthChanged(HealthTransition Transition) : LoopInput
    {
        /// <summary>The monitor that said it: one a reload has since replaced no longer counts.</summary>
        public HealthMonitor? From { get; init; }
    }

    /// <summary>A reload: what it changes applies between two decision passes (<see cref="Reconfiguration"/>).</summary>
    public sealed record Reconfigure(Reconfiguration Change) : LoopInput;

    /// <summary>An API call finished, as data.</summary>
    public sealed record CallCompleted(ApiCallResult Result) : LoopInput;

    /// <summary>A graceful stop was asked for.</summary>
    public sealed record Stop(bool ReleaseElasticIp) : LoopInput;

    /// <summary>Kill: end now, no API call.</summary>
    public sealed record Kill : LoopInput
    {
        public static readonly Kill Instance = new();
    }
}
