using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace ExoIp.Watchdog;

/// <summary>How often things happened in one watchdog. Thread-safe; values only grow.</summary>
public sealed class WatchdogCounters
{
    private readonly long[] _dropped = new long[DatagramDropReasons.Count];
    private long _advertisementsSent;
    private long _sendErrors;
    private long _datagramsReceived;
    private long _advertisementsAccepted;
    private long _transitions;
    private long _apiCalls;
    private long _apiErrors;
    private long _apiRetries;
    private long _eventsDropped;

    /// <summary>Adverts handed to the transport without error.</summary>
    public long AdvertisementsSent => Volatile.Read(ref _advertisementsSent);

    /// <summary>Adverts the transport failed to send.</summary>
    public long SendErrors => Volatile.Read(ref _sendErrors);

    /// <summary>Every datagram received, accepted or not.</summary>
    public long DatagramsReceived => Volatile.Read(ref _datagramsReceived);

    /// <summary>Datagrams accepted as adverts from a peer.</summary>
    public long AdvertisementsAccepted => Volatile.Read(ref _advertisementsAccepted);

    /// <summary>Datagrams dropped, all reasons together.</summary>
    public long DatagramsDropped => Enumerable.Range(0, DatagramDropReasons.Count).Sum(i => Volatile.Read(ref _dropped[i]));

    /// <summary>Role changes (starting, backup, master).</summary>
    public long Transitions => Volatile.Read(ref _transitions);

    /// <summary>Exoscale API calls this watchdog made (client calls: an attach that checks first is one).</summary>
    public long ApiCalls => Volatile.Read(ref _apiCalls);

    /// <summary>API calls that failed (error, timeout).</summary>
    public long ApiErrors => Volatile.Read(ref _apiErrors);

    /// <summary>Actions started again after a failure (each retry is also counted in <see cref="ApiCalls"/>).</summary>
    public long ApiRetries => Volatile.Read(ref _apiRetries);

    /// <summary>Events dropped because nobody read them fast enough (the oldest go first).</summary>
    public long EventsDropped => Volatile.Read(ref _eventsDropped);

    /// <summary>Datagrams dropped for one reason.</summary>
    public long Dropped(DatagramDropReason reason) => Volatile.Read(ref _dropped[(int)reason]);

    /// <summary>Datagrams dropped, per reason (every reason listed, zeros included).</summary>
    public IReadOnlyDictionary<DatagramDropReason, long> DroppedByReason() =>
        Enumerable.Range(0, DatagramDropReasons.Count).ToDictionary(i => (DatagramDropReason)i, i => Volatile.Read(ref _dropped[i]));

    internal void AdvertisementSent() => Interlocked.Increment(ref _advertisementsSent);
    internal void SendFailed() => Interlocked.Increment(ref _sendErrors);
    internal void DatagramReceived() => Interlocked.Increment(ref _datagramsReceived);
    internal void AdvertisementAccepted() => Interlocked.Increment(ref _advertisementsAccepted);
    internal void DatagramDropped(DatagramDropReason reason) => Interlocked.Increment(ref _dropped[(int)reason]);
    internal void Transition() => Interlocked.Increment(ref _transitions);
    internal void ApiError() => Interlocked.Increment(ref _apiErrors);
    internal void EventDropped() => Interlocked.Increment(ref _eventsDropped);

    internal void ApiCall() => Interlocked.Increment(ref _apiCalls);
    internal void ApiRetry() => Interlocked.Increment(ref _apiRetries);
}
