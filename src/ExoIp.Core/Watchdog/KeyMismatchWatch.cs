using System;
using System.Net;
using System.Threading;

namespace ExoIp.Watchdog;

/// <summary>
/// When a peer's address last sent an advert this node could not verify because the keys differ (see
/// <see cref="Protocol.AdvertisementReader.IsKeyMismatch"/>). The receiver records, the loop reads: with no
/// live peer, such adverts within the dead time mean a misconfigured node, which stays out (Fault).
/// </summary>
internal sealed class KeyMismatchWatch
{
    private long _lastTicks = long.MinValue;
    private IPAddress? _lastFrom;

    /// <summary>
    /// An advert was verified with the keys in use: this node's key is right, so adverts it cannot verify come from
    /// misconfigured nodes and never send it to Fault (the loop's).
    /// </summary>
    public bool VerifiedAny => _verifiedAny;

    private volatile bool _verifiedAny; // reset by a key change, from any thread

    /// <summary>A peer's advert was verified (the loop's).</summary>
    public void Verified() => _verifiedAny = true;

    /// <summary>The keys changed: what they verified says nothing of the new ones.</summary>
    public void KeysChanged() => _verifiedAny = false;

    /// <summary>Records a mismatching advert from <paramref name="from"/> at <paramref name="at"/> (the receiver's thread).</summary>
    public void Record(IPAddress from, DateTimeOffset at)
    {
        _lastFrom = from;
        Interlocked.Exchange(ref _lastTicks, at.UtcTicks);
    }

    /// <summary>The peer address of a mismatching advert within <paramref name="window"/> before <paramref name="now"/>, or null.</summary>
    public IPAddress? SeenWithin(DateTimeOffset now, TimeSpan window)
    {
        var last = Interlocked.Read(ref _lastTicks);
        return last != long.MinValue && now.UtcTicks - last <= window.Ticks ? Volatile.Read(ref _lastFrom) : null;
    }
}
