using System.Net;
using ExoIp.Election;
using ExoIp.Exoscale;
using ExoIp.Watchdog;

namespace ExoIp.Simulation;

/// <summary>What the world hands a node's fresh process: its clock, its socket, its view of the API, its options.</summary>
/// <param name="Clock">The process's clock: timers run as scheduler events, held while the process is paused.</param>
/// <param name="Socket">Sends datagrams; receiving comes through <see cref="ISimulatedNode.Receive"/>.</param>
/// <param name="Api">This node's view of the API (faults can target one node).</param>
/// <param name="Options">The real watchdog options, drawn from the seed.</param>
public sealed record NodeEnvironment(SimClock Clock, ISimSocket Socket, IExoscaleClient Api, WatchdogOptions Options);

/// <summary>A node's UDP socket in the simulated network: sends from the node's own address to a peer's.</summary>
public interface ISimSocket
{
    /// <summary>Sends one datagram to <paramref name="destination"/> (at the same port, as the protocol does).</summary>
    void Send(IPAddress destination, byte[] datagram);
}

/// <summary>
/// One watchdog process as the world drives it, synchronously, on the scheduler's thread. The world calls these
/// members only while the process runs (never while it is paused or after it was killed). Every task the world
/// hands the node (API calls, timers through <see cref="SimClock"/>) completes inline on that thread.
/// </summary>
public interface ISimulatedNode
{
    /// <summary>A fresh process; it uses only the environment (clock timers, socket, API).</summary>
    void Start(NodeEnvironment environment);

    /// <summary>One datagram arrived from <paramref name="source"/>.</summary>
    void Receive(IPAddress source, byte[] datagram);

    /// <summary>SIGTERM (<paramref name="releaseElasticIp"/>: release it) or a planned restart (keep it).</summary>
    void RequestStop(bool releaseElasticIp);

    /// <summary>SIGUSR1/2: the node's configured priority changes.</summary>
    void SetPriority(byte priority);

    /// <summary>The health checks' verdict changes.</summary>
    void SetHealthy(bool healthy);

    /// <summary>SIGKILL: nothing more from this node (the world drops its timers and answers too).</summary>
    void Kill();

    /// <summary>True once a graceful stop has finished.</summary>
    bool Ended { get; }

    /// <summary>
    /// What the node says and believes now; read after every event for the checker, and also when the node makes
    /// an attach or detach call (to record the belief the call was made under), so it must be a plain read.
    /// </summary>
    NodeObservation Observe();
}

/// <summary>A node's outward state at one instant.</summary>
/// <param name="Role">The role its election gives it.</param>
/// <param name="AnnouncedRole">What hooks were told last: Master, Backup, Fault, Stopped (null before the first).</param>
/// <param name="BelievesHolding">Whether it believes it holds the Elastic IP (null: unknown).</param>
/// <param name="AdvertisedPriority">The priority its adverts carry now.</param>
/// <param name="Beliefs">A one-line dump of what the node believes, for failure reports.</param>
/// <param name="SigningKey">The id of the key its adverts are signed with (null: plain adverts, or unknown).</param>
public sealed record NodeObservation(NodeRole Role, string? AnnouncedRole, bool? BelievesHolding, byte AdvertisedPriority, string Beliefs, uint? SigningKey = null)
{
    /// <summary>True when the outward state (everything but the free-text beliefs) equals <paramref name="other"/>'s.</summary>
    public bool SameOutwardState(NodeObservation? other) =>
        other is not null && Role == other.Role && AnnouncedRole == other.AnnouncedRole &&
        BelievesHolding == other.BelievesHolding && AdvertisedPriority == other.AdvertisedPriority && SigningKey == other.SigningKey;
}
