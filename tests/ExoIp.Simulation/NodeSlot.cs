using System;
using System.Collections.Generic;
using System.Net;

namespace ExoIp.Simulation;

/// <summary>
/// One node's place in the world across its process incarnations: its instance, its address, what the world
/// knows of it (configured priority, health, membership, the faults on its API calls) and its current process.
/// </summary>
public sealed class NodeSlot
{
    /// <summary>Creates the slot.</summary>
    public NodeSlot(int index, SimInstance instance, IPAddress address, byte priority, TimeSpan interval)
    {
        Index = index;
        Instance = instance;
        Address = address;
        ConfiguredPriority = priority;
        Priority = priority;
        Interval = interval;
    }

    /// <summary>Its index (and its instance's bit in the holders).</summary>
    public int Index { get; }

    /// <summary>Its instance.</summary>
    public SimInstance Instance { get; }

    /// <summary>Its public address, where peers send adverts.</summary>
    public IPAddress Address { get; }

    /// <summary>Its advertisement interval.</summary>
    public TimeSpan Interval { get; }

    /// <summary>The priority its configuration gives it (a fresh process starts with it).</summary>
    public byte ConfiguredPriority { get; }

    /// <summary>Its priority now (SIGUSR1/2 move it; a restart resets it).</summary>
    public byte Priority { get; set; }

    /// <summary>What its health checks say.</summary>
    public bool Healthy { get; set; } = true;

    /// <summary>The verdict the current process was last told.</summary>
    public bool ToldHealthy { get; set; } = true;

    /// <summary>
    /// A member of the group or pool its peers come from, as the API lists it (always, with static peers): back in it at
    /// once, out of it from the first listing read after it was taken out.
    /// </summary>
    public bool Member { get; set; } = true;

    /// <summary>Where it is.</summary>
    public NodeLifecycle Lifecycle { get; set; } = NodeLifecycle.NotStarted;

    /// <summary>Its wall clock's offset, kept across restarts.</summary>
    public long WallOffsetTicks { get; set; }

    /// <summary>How far a peer's advert stamp may be from its wall clock (with a key), as its verifier has it.</summary>
    public TimeSpan StampWindow { get; init; }

    /// <summary>
    /// True while it runs with a key and its wall clock is a window or more from the others' (which the nemesis
    /// leaves at 0): its peers refuse its adverts and it refuses theirs, as with another key.
    /// </summary>
    public bool ClockSkewed => AuthKeys is not null && Math.Abs(WallOffsetTicks) >= StampWindow.Ticks;

    /// <summary>The current incarnation's process (null when down).</summary>
    public SimProcess? Process { get; set; }

    /// <summary>The current incarnation's node.</summary>
    public ISimulatedNode? Node { get; set; }

    /// <summary>Its advert keys (null: plain 24-byte adverts).</summary>
    public ExoIp.Authentication.AuthKeyRing? AuthKeys { get; set; }

    /// <summary>True while it signs with a key its peers do not share (a fault, until it answers in theirs).</summary>
    public bool WrongKey { get; set; }

    /// <summary>API faults in effect for its calls.</summary>
    public List<ActiveApiFault> ApiFaults { get; } = new();

    /// <summary>Faults in effect that keep it from reaching the API within A (cut off, 5xx, 429, slow, ...).</summary>
    public int ApiDegraded { get; set; }

    /// <summary>Faults in effect that refuse its attach (403).</summary>
    public int AttachForbidden { get; set; }

    /// <summary>Its belief epoch: bumped when its role changes or its process stalls (I6).</summary>
    public int Epoch { get; set; }

    /// <summary>The last observation read from it.</summary>
    public NodeObservation? LastObservation { get; set; }

    /// <summary>Whether it was eligible after the last event.</summary>
    public bool Eligible { get; set; }

    /// <summary>Whether its process was running after the last event.</summary>
    public bool Running { get; set; }

    /// <summary>
    /// Eligible by the contract: running, healthy, advertising below 255, a member, with its peers' key (and, with a key,
    /// a wall clock within their stamp window: see <see cref="ClockSkewed"/>), and reaching the API and allowed
    /// to attach. A node that holds the Elastic IP needs no API call to keep it, so for a holder the last two do
    /// not count (the Elastic IP need not move away from a holder that merely cannot reach the API).
    /// </summary>
    public bool ComputeEligible(bool holds) =>
        Lifecycle == NodeLifecycle.Running && Healthy && Member && !WrongKey && !ClockSkewed && (LastObservation?.AdvertisedPriority ?? Priority) < 255 &&
        (holds || (ApiDegraded == 0 && AttachForbidden == 0));
}
