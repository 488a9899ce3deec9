using System;
using System.Collections.Generic;
using System.Threading;
using ExoIp.Authentication;

namespace ExoIp.Protocol;

/// <summary>
/// Verifies authenticated adverts against a ring's keys, and refuses replays: an advert is accepted only
/// when its MAC is right, its timestamp is within <see cref="Window"/> of this node's clock, and strictly
/// newer than the last one accepted from the same sender. A replayed advert therefore never counts as a
/// sign of life, however recent. Not thread-safe except <see cref="UseKeys"/>: one verifier per receiving thread.
/// </summary>
public sealed class AdvertisementVerifier : IDisposable
{
    /// <summary>How far apart the clocks of two nodes may be, on top of the dead time (NTP keeps them far closer).</summary>
    public static readonly TimeSpan ClockAllowance = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time;
    private readonly long _window;
    private readonly Dictionary<Guid, long> _lastAccepted = new();
    private AdvertisementMac[] _macs;
    private AuthKeyRing _ring;
    private AuthKeyRing? _pending;

    /// <summary>A verifier of adverts signed with any key of <paramref name="ring"/>.</summary>
    /// <param name="ring">The keys accepted.</param>
    /// <param name="time">This node's clock.</param>
    /// <param name="window">How far a timestamp may be from this node's clock, either way (see <see cref="WindowFor"/>).</param>
    public AdvertisementVerifier(AuthKeyRing ring, TimeProvider time, TimeSpan window)
    {
        _ring = ring ?? throw new ArgumentNullException(nameof(ring));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        if (window <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(window), window, "The window must be positive.");
        Window = window;
        _window = window.Ticks / 10;
        _macs = MacsOf(ring);
    }

    /// <summary>How far a timestamp may be from this node's clock, either way.</summary>
    public TimeSpan Window { get; }

    /// <summary>The ring in use, or the one that the next datagram will be checked against.</summary>
    public AuthKeyRing Keys => Volatile.Read(ref _pending) ?? _ring;

    /// <summary>
    /// The window for a cluster's timings: its dead time (interval × dead ratio) plus <see cref="ClockAllowance"/>.
    /// A node that restarts has forgotten the timestamps it accepted, so a replay could pass once within
    /// that window; its start-up hold-off is as long, so such a replay decides nothing.
    /// </summary>
    public static TimeSpan WindowFor(TimeSpan interval, int deadRatio) =>
        TimeSpan.FromTicks(interval.Ticks * deadRatio) + ClockAllowance;

    /// <summary>Switches to another ring from any thread; the timestamps already accepted are kept.</summary>
    public void UseKeys(AuthKeyRing ring) => Volatile.Write(ref _pending, ring ?? throw new ArgumentNullException(nameof(ring)));

    /// <summary>
    /// Verifies a datagram. Never throws on bad input; <paramref name="rejection"/> says why a datagram is
    /// refused, and <paramref name="trailer"/> is filled whenever the datagram has one.
    /// </summary>
    public bool TryVerify(ReadOnlySpan<byte> datagram, out Advertisement advertisement, out AdvertisementTrailer trailer, out AdvertisementRejection rejection)
    {
        trailer = default;
        if (datagram.Length == Advertisement.Size)
        {
            // A plain advert: well formed or not, it proves nothing.
            rejection = Advertisement.TryDecode(datagram, out advertisement, out var plain) ? AdvertisementRejection.Unauthenticated : plain;
            advertisement = default;
            return false;
        }
        if (!AuthenticatedAdvertisement.TryReadTrailer(datagram, out trailer))
        {
            advertisement = default;
            rejection = AdvertisementRejection.WrongLength;
            return false;
        }
        if (!Advertisement.TryDecode(datagram.Slice(0, Advertisement.Size), out advertisement, out rejection)) return false;

        rejection = Check(datagram, trailer, advertisement.Identity);
        if (rejection == AdvertisementRejection.None) return true;
        advertisement = default;
        return false;
    }

    private AdvertisementRejection Check(ReadOnlySpan<byte> datagram, AdvertisementTrailer trailer, Guid sender)
    {
        var mac = FindMac(trailer.KeyId);
        if (mac is null) return AdvertisementRejection.UnknownKey;
        if (!mac.Matches(datagram.Slice(0, AuthenticatedAdvertisement.SignedSize), datagram.Slice(AuthenticatedAdvertisement.MacOffset)))
            return AdvertisementRejection.Unauthenticated;

        var now = AuthenticatedAdvertisement.ToTimestamp(_time.GetUtcNow());
        if (trailer.Timestamp < now - _window || trailer.Timestamp > now + _window) return AdvertisementRejection.Stale;
        if (_lastAccepted.TryGetValue(sender, out var last) && trailer.Timestamp <= last) return AdvertisementRejection.Replayed;
        // Only a sender with a key gets here, so the table holds one entry per genuine node.
        _lastAccepted[sender] = trailer.Timestamp;
        return AdvertisementRejection.None;
    }

    private AdvertisementMac? FindMac(uint keyId)
    {
        if (Interlocked.Exchange(ref _pending, null) is { } ring)
        {
            // The switch happens on the verifying thread, so a MAC in use is never disposed under it.
            foreach (var old in _macs) old.Dispose();
            _macs = MacsOf(ring);
            _ring = ring;
        }
        foreach (var mac in _macs)
        {
            if (mac.Key.Id == keyId) return mac;
        }
        return null;
    }

    private static AdvertisementMac[] MacsOf(AuthKeyRing ring)
    {
        var macs = new AdvertisementMac[ring.Keys.Count];
        for (var i = 0; i < macs.Length; i++) macs[i] = new AdvertisementMac(ring.Keys[i]);
        return macs;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var mac in _macs) mac.Dispose();
    }
}
