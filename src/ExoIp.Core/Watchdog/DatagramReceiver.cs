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
/// advert is posted to the loop, decoded.
/// </summary>
internal sealed class DatagramReceiver
{
    private readonly WatchdogOptions _options;
    private readonly Membership _membership;
    private readonly WatchdogTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly Func<DateTimeOffset> _now;
    private readonly Action<LoopInput> _post;
    private readonly Func<bool> _ended;

    public DatagramReceiver(WatchdogOptions options, Membership membership, WatchdogTelemetry telemetry, TimeProvider time,
        Func<DateTimeOffset> now, Action<LoopInput> post, Func<bool> ended)
    {
        _options = options;
        _membership = membership;
        _telemetry = telemetry;
        _time = time;
        _now = now;
        _post = post;
        _ended = ended;
    }

    /// <summary>Receives until the transport closes.</summary>
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
            _telemetry.Counters.DatagramReceived();
            if (Screen(datagram, out var advert) is { } reason)
            {
                _telemetry.Dropped(reason, datagram.Source);
                continue;
            }
            _post(new LoopInput.Advert(advert, datagram.Source, _now()));
        }
    }

    /// <summary>Why a datagram cannot be a peer's advert, judged without the loop's state; null when it may be.</summary>
    private DatagramDropReason? Screen(ReceivedDatagram datagram, out Advertisement advert)
    {
        if (!Advertisement.TryDecode(datagram.Payload, out advert, out var rejection)) return DatagramDropReasons.From(rejection);
        if (!advert.Names(_options.ElasticIp!)) return DatagramDropReason.ForeignElasticIp;
        return _membership.IsPeerAddress(datagram.Source) ? null : DatagramDropReason.UnknownSource;
    }
}
