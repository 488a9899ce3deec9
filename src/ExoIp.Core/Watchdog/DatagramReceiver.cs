using System;
using System.Threading.Tasks;
using ExoIp.Peers;
using ExoIp.Protocol;
using ExoIp.Telemetry;
using ExoIp.Transport;

namespace ExoIp.Watchdog;

/// <summary>
/// Reads datagrams beside the loop, decodes each once and screens it without the loop's state: garbage,
/// foreign adverts and strangers are dropped here, so a flood of them cannot queue up in front of the loop's
/// ticks (this node's own adverts would be late, and its peers would declare it dead). What may be a peer's
/// advert is posted to the loop, decoded; with a key, only once verified. Adverts beyond what the loop can take
/// are shed and counted rather than queued without bound.
/// </summary>
internal sealed class DatagramReceiver
{
    private readonly WatchdogOptions _options;
    private readonly Membership _membership;
    private readonly WatchdogTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly Func<DateTimeOffset> _now;
    private readonly Func<LoopInput.Advert, bool> _tryPost;
    private readonly Func<bool> _ended;
    private readonly AdvertisementReader _reader;
    private readonly VerificationWatch _verification;

    /// <param name="tryPost">Posts an advert to the loop (<see cref="RunAsync"/> only); false when the loop has too many waiting (the advert is shed).</param>
    public DatagramReceiver(WatchdogOptions options, Membership membership, WatchdogTelemetry telemetry, TimeProvider time,
        Func<DateTimeOffset> now, Func<LoopInput.Advert, bool> tryPost, Func<bool> ended, AdvertisementReader reader, VerificationWatch verification)
    {
        _options = options;
        _membership = membership;
        _telemetry = telemetry;
        _time = time;
        _now = now;
        _tryPost = tryPost;
        _ended = ended;
        _reader = reader;
        _verification = verification;
    }

    /// <summary>Receives until the transport closes, posting each datagram that may be a peer's advert to the loop.</summary>
    public async Task RunAsync(IAdvertisementTransport transport)
    {
        while (true)
        {
            ReceivedDatagram? datagram;
            try
            {
                datagram = await transport.ReceiveAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                if (_ended()) return;
                _telemetry.ReceiveFailed(ex);
                // A socket that keeps failing must not spin a core.
                await _time.Delay(_options.Interval).ConfigureAwait(false);
                continue;
            }
            if (datagram is null) return;
            if (Accept(datagram) is { } advert && !_tryPost(advert)) _telemetry.Dropped(DatagramDropReason.Shed, datagram.Source);
        }
    }

    /// <summary>Counts a datagram and screens it: the advert it may be, or null when it was dropped (and counted).</summary>
    public LoopInput.Advert? Accept(ReceivedDatagram datagram)
    {
        _telemetry.Counters.DatagramReceived();
        if (Screen(datagram, out var advert, out var signedWithNextKey) is { } reason)
        {
            _telemetry.Dropped(reason, datagram.Source);
            return null;
        }
        return new LoopInput.Advert(advert, datagram.Source, _now(), signedWithNextKey);
    }

    /// <summary>Why a datagram cannot be a peer's advert, judged without the loop's state; null when it may be.</summary>
    private DatagramDropReason? Screen(ReceivedDatagram datagram, out Advertisement advert, out bool signedWithNextKey)
    {
        // With a key, only verified adverts pass (a forged MAC costs one HMAC, here, beside the loop).
        if (!_reader.TryRead(datagram.Payload, out advert, out var rejection, out signedWithNextKey))
        {
            if (_membership.IsPeerAddress(datagram.Source))
            {
                if (_reader.IsKeyMismatch(datagram.Payload, rejection))
                {
                    _verification.KeyMismatch(_now());
                    _telemetry.KeyMismatch(datagram.Source, _reader.MismatchHint);
                }
                else if (rejection == AdvertisementRejection.Stale)
                {
                    _verification.Stale(_now());
                    _telemetry.StaleStamp(datagram.Source, _reader.Verifier!.Window);
                }
            }
            return DatagramDropReasons.From(rejection);
        }
        if (!advert.Names(_options.ElasticIp!)) return DatagramDropReason.ForeignElasticIp;
        if (_membership.IsPeerAddress(datagram.Source)) return null;
        _membership.StrangerHeard(); // a newcomer to the group, or a member back in it: list the members again soon
        return DatagramDropReason.UnknownSource;
    }
}
