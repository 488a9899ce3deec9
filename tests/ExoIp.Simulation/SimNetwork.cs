using System;
using System.Net;

namespace ExoIp.Simulation;

/// <summary>
/// The datagram network between the nodes: each datagram arrives after a drawn delay (so adverts reorder when
/// delays cross), may be lost or duplicated, and is dropped by a partition of its direction. Partitions and
/// lossy links are counted per direction, so overlapping faults compose and heal one by one.
/// </summary>
public sealed class SimNetwork
{
    private readonly Scheduler _scheduler;
    private readonly Random _random;
    private readonly SimWorld _world;
    private readonly int[,] _blocked;
    private readonly double[,] _extraLoss;
    private readonly long _minDelay;
    private readonly long _maxDelay;
    private readonly double _loss;
    private readonly double _duplication;

    /// <summary>Creates the network of <paramref name="world"/>'s nodes.</summary>
    public SimNetwork(SimWorld world, Scheduler scheduler, Random random, RunParameters parameters)
    {
        _world = world;
        _scheduler = scheduler;
        _random = random;
        var count = parameters.NodeCount;
        _blocked = new int[count, count];
        _extraLoss = new double[count, count];
        _minDelay = parameters.NetworkMinDelay.Ticks;
        _maxDelay = parameters.NetworkMaxDelay.Ticks;
        _loss = parameters.Loss;
        _duplication = parameters.Duplication;
    }

    /// <summary>Blocks (or, with a negative <paramref name="change"/>, unblocks) the direction from → to.</summary>
    public void Block(int from, int to, int change) => _blocked[from, to] += change;

    /// <summary>Adds (or removes) loss on the direction from → to.</summary>
    public void AddLoss(int from, int to, double change) => _extraLoss[from, to] += change;

    /// <summary>A node's socket.</summary>
    public ISimSocket SocketOf(int node) => new Socket(this, node);

    private void Send(int from, IPAddress destination, byte[] datagram)
    {
        var to = _world.NodeAt(destination);
        if (to < 0 || _blocked[from, to] > 0 || _random.NextDouble() < _loss + _extraLoss[from, to]) return;
        var copies = _random.NextDouble() < _duplication ? 2 : 1;
        var source = _world.Slots[from].Address;
        for (var i = 0; i < copies; i++)
        {
            var at = _scheduler.Now + _minDelay + (long)(_random.NextDouble() * (_maxDelay - _minDelay));
            _scheduler.Schedule(at, new Delivery(_world.Slots[to], source, datagram), 0, to);
        }
    }

    private sealed class Socket(SimNetwork network, int node) : ISimSocket
    {
        public void Send(IPAddress destination, byte[] datagram) => network.Send(node, destination, datagram);
    }

    // Whichever incarnation of the receiver runs when it arrives gets it; a paused one buffers it.
    private sealed class Delivery(NodeSlot slot, IPAddress source, byte[] datagram) : ISimEvent
    {
        public string Label => "datagram";

        public void Fire(long token)
        {
            if (slot.Process is not { } process || !process.Admit(this, token, DeliveryKind.Datagram)) return;
            slot.Node!.Receive(source, datagram);
        }
    }
}
