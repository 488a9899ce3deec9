using System;
using System.Net;
using ExoIp.Watchdog;

namespace ExoIp.PowerShell.Output;

/// <summary>
/// One member of a watchdog group: a peer as a running watchdog sees it (or the node itself), or an
/// instance the API names as a peer.
/// </summary>
public sealed class PeerInfo
{
    private PeerInfo(string? watchdog, IPAddress address, string? instanceId)
    {
        Watchdog = watchdog;
        Address = address;
        InstanceId = instanceId;
    }

    /// <summary>The watchdog that sees this peer; null for a peer listed from the API.</summary>
    public string? Watchdog { get; }
    /// <summary>The peer's IPv4 address.</summary>
    public IPAddress Address { get; }
    /// <summary>Its instance id, when known.</summary>
    public string? InstanceId { get; }
    /// <summary>True for the row describing the watchdog's own node.</summary>
    public bool IsSelf { get; private set; }
    /// <summary>The priority it last advertised.</summary>
    public byte? Priority { get; private set; }
    /// <summary>Heard from within interval x dead ratio (always true for the node itself while running).</summary>
    public bool? Alive { get; private set; }
    /// <summary>When its last accepted advert arrived.</summary>
    public DateTimeOffset? LastSeen { get; private set; }
    /// <summary>Whether it is the master, as the watchdog sees it.</summary>
    public bool? IsMaster { get; private set; }
    /// <summary>Whether the API last said it holds the Elastic IP.</summary>
    public bool? HoldsElasticIp { get; private set; }
    /// <summary>The instance's name, from the API.</summary>
    public string? InstanceName { get; private set; }
    /// <summary>The instance's state (running, stopped, ...), from the API.</summary>
    public string? State { get; private set; }

    /// <summary>This row with the name and state of its instance, as the API gave them.</summary>
    internal PeerInfo WithInstance(Exoscale.Instance? instance)
    {
        InstanceName = instance?.Name;
        State = instance?.State;
        return this;
    }

    internal static PeerInfo FromPeer(string watchdog, PeerSnapshot peer) => new(watchdog, peer.Address, peer.InstanceId?.ToString())
    {
        Priority = peer.Priority,
        Alive = peer.IsAlive,
        LastSeen = peer.LastSeen,
        IsMaster = peer.IsMaster,
        HoldsElasticIp = peer.HoldsElasticIp,
    };

    internal static PeerInfo FromSelf(WatchdogSnapshot self) => new(self.Name, self.Bind.Address, self.InstanceId.ToString())
    {
        IsSelf = true,
        Priority = self.AdvertisedPriority,
        Alive = self.Status == WatchdogStatus.Running,
        IsMaster = self.Role == Election.NodeRole.Master,
        HoldsElasticIp = self.HoldsElasticIp,
    };

    internal static PeerInfo FromInstance(IPAddress address, Exoscale.Instance? instance) => new PeerInfo(null, address, instance?.Id).WithInstance(instance);
}
