using System;
using System.Threading;
using ExoIp.Authentication;

namespace ExoIp.Protocol;

/// <summary>
/// Signs adverts with the current key of a ring. Timestamps come from the clock and are strictly
/// increasing, even for two adverts in the same microsecond or after the clock is stepped back a little.
/// Not thread-safe except <see cref="UseKeys"/>: one signer per sending thread.
/// </summary>
public sealed class AdvertisementSigner : IDisposable
{
    private readonly TimeProvider _time;
    private AdvertisementMac _mac;
    private AuthKeyRing _ring;
    private AuthKeyRing? _pending;
    private long _lastTimestamp;

    /// <summary>A signer with the current key of <paramref name="ring"/>.</summary>
    public AdvertisementSigner(AuthKeyRing ring, TimeProvider time)
    {
        _ring = ring ?? throw new ArgumentNullException(nameof(ring));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _mac = new AdvertisementMac(ring.Current);
    }

    /// <summary>The ring in use, or the one that the next advert will use.</summary>
    public AuthKeyRing Keys => Volatile.Read(ref _pending) ?? _ring;

    /// <summary>Switches to another ring from any thread; the next advert is signed with its current key.</summary>
    public void UseKeys(AuthKeyRing ring) => Volatile.Write(ref _pending, ring ?? throw new ArgumentNullException(nameof(ring)));

    /// <summary>
    /// From the next advert on, signs with the ring's next key and keeps the current one as next (<see cref="Keys"/>
    /// shows it so): the peers do not take the current key. A ring without a next key is left as it is.
    /// </summary>
    public void SignWithNextKey()
    {
        if (Keys is { Next: { } next } ring) UseKeys(new AuthKeyRing(next, ring.Current));
    }

    /// <summary>Writes <paramref name="advertisement"/> and its trailer into <paramref name="destination"/>.</summary>
    /// <returns>The number of bytes written, <see cref="AuthenticatedAdvertisement.Size"/>.</returns>
    public int Sign(Advertisement advertisement, Span<byte> destination)
    {
        if (destination.Length < AuthenticatedAdvertisement.Size)
            throw new ArgumentException($"The destination needs {AuthenticatedAdvertisement.Size} bytes.", nameof(destination));
        if (Interlocked.Exchange(ref _pending, null) is { } ring)
        {
            // The switch happens on the signing thread, so the MAC in use is never disposed under it.
            _mac.Dispose();
            _mac = new AdvertisementMac(ring.Current);
            _ring = ring;
        }

        var timestamp = Math.Max(AuthenticatedAdvertisement.ToTimestamp(_time.GetUtcNow()), _lastTimestamp + 1);
        _lastTimestamp = timestamp;
        var datagram = destination.Slice(0, AuthenticatedAdvertisement.Size);
        advertisement.WriteTo(datagram);
        AuthenticatedAdvertisement.WriteTrailer(datagram, new AdvertisementTrailer(_mac.Key.Id, timestamp));
        _mac.Compute(datagram.Slice(0, AuthenticatedAdvertisement.SignedSize), datagram.Slice(AuthenticatedAdvertisement.MacOffset));
        return AuthenticatedAdvertisement.Size;
    }

    /// <inheritdoc />
    public void Dispose() => _mac.Dispose();

    /// <summary>One round's datagram: signed with <paramref name="signer"/>'s key (one timestamp, newer than the last round's), or plain without a key.</summary>
    public static byte[] Datagram(AdvertisementSigner? signer, Advertisement advertisement)
    {
        if (signer is null) return advertisement.Encode();
        var datagram = new byte[AuthenticatedAdvertisement.Size];
        signer.Sign(advertisement, datagram);
        return datagram;
    }
}
