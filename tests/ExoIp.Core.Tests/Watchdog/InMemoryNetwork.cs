using System;
using System.Collections.Concurrent;
using System.Net;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using ExoIp.Transport;

namespace ExoIp.Tests.Watchdog;

/// <summary>
/// Wires several watchdogs together in memory for the deterministic engine tests. Knows how many datagrams
/// are still on their way (sent, but not yet posted to the receiving loop), so a test can wait until the
/// cluster is idle before moving the fake clock on. <see cref="Filter"/> drops traffic (partitions).
/// </summary>
internal sealed class InMemoryNetwork
{
    private readonly ConcurrentDictionary<IPAddress, Endpoint> _endpoints = new();
    private int _inTransit;

    /// <summary>Datagrams sent and not yet handed to their receiver's loop.</summary>
    public int InTransit => Volatile.Read(ref _inTransit);

    /// <summary>Decides whether a datagram from the first address reaches the second; everything does by default.</summary>
    public Func<IPAddress, IPAddress, bool> Filter { get; set; } = (_, _) => true;

    public IAdvertisementTransport Connect(IPAddress address)
    {
        var endpoint = new Endpoint(this, address);
        if (!_endpoints.TryAdd(address, endpoint)) throw new InvalidOperationException($"{address} is already connected.");
        return endpoint;
    }

    /// <summary>Sees every datagram sent (before <see cref="Filter"/>): for capturing adverts to replay.</summary>
    public Action<IPAddress, IPAddress, byte[]>? Tap { get; set; }

    /// <summary>Delivers a datagram as if <paramref name="from"/> had sent it (spoofing, floods).</summary>
    public void Inject(IPAddress from, IPAddress to, byte[] payload) => Deliver(from, to, payload);

    private void Deliver(IPAddress from, IPAddress to, byte[] payload)
    {
        Tap?.Invoke(from, to, (byte[])payload.Clone());
        if (!Filter(from, to) || !_endpoints.TryGetValue(to, out var endpoint)) return;
        Interlocked.Increment(ref _inTransit);
        if (!endpoint.Queue.Writer.TryWrite(new ReceivedDatagram((byte[])payload.Clone(), from))) Delivered();
    }

    private void Delivered() => Interlocked.Decrement(ref _inTransit);

    private sealed class Endpoint : IAdvertisementTransport
    {
        private readonly InMemoryNetwork _network;
        private readonly IPAddress _address;
        private int _handedOut; // the datagram last returned counts as in transit until the receiver asks for the next
        private int _disposed;

        public Endpoint(InMemoryNetwork network, IPAddress address)
        {
            _network = network;
            _address = address;
        }

        public Channel<ReceivedDatagram> Queue { get; } = Channel.CreateUnbounded<ReceivedDatagram>();

        public Task SendAsync(IPAddress destination, byte[] datagram)
        {
            if (Volatile.Read(ref _disposed) == 1) throw new ObjectDisposedException(nameof(Endpoint));
            _network.Deliver(_address, destination, datagram);
            return Task.CompletedTask;
        }

        public async Task<ReceivedDatagram?> ReceiveAsync()
        {
            ReleaseHandedOut();
            try
            {
                var datagram = await Queue.Reader.ReadAsync().ConfigureAwait(false);
                Volatile.Write(ref _handedOut, 1);
                return datagram;
            }
            catch (ChannelClosedException)
            {
                return null;
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
            _network._endpoints.TryRemove(_address, out _);
            Queue.Writer.TryComplete();
            while (Queue.Reader.TryRead(out _)) _network.Delivered();
            ReleaseHandedOut();
        }

        private void ReleaseHandedOut()
        {
            if (Interlocked.Exchange(ref _handedOut, 0) == 1) _network.Delivered();
        }
    }
}
