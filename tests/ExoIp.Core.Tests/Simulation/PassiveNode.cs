using System.Collections.Generic;
using System.Net;
using ExoIp.Election;
using ExoIp.Simulation;

namespace ExoIp.Tests.Simulation;

/// <summary>A node that does nothing by itself: the world's tests drive its environment (clock, API) directly.</summary>
internal sealed class PassiveNode : ISimulatedNode
{
    public NodeEnvironment Environment { get; private set; } = null!;

    public List<byte[]> Received { get; } = new();

    public bool Ended => false;

    public void Start(NodeEnvironment environment) => Environment = environment;

    public void Receive(IPAddress source, byte[] datagram) => Received.Add(datagram);

    public void RequestStop(bool releaseElasticIp)
    {
    }

    public void SetPriority(byte priority)
    {
    }

    public void SetHealthy(bool healthy)
    {
    }

    public void Kill()
    {
    }

    public NodeObservation Observe() => new(NodeRole.Backup, "Backup", null, 10, "passive");
}
