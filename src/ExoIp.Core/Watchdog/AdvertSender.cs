using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ExoIp.Peers;
using ExoIp.Protocol;
using ExoIp.Telemetry;
using ExoIp.Transport;

namespace ExoIp.Watchdog;

/// <summary>Sends this node's advert to every peer; a failed send is counted and logged (rate-limited), never thrown.</summary>
internal sealed class AdvertSender
{
    private readonly WatchdogOptions _options;
    private readonly WatchdogTelemetry _telemetry;
    private readonly Func<bool> _ended;

    public AdvertSender(WatchdogOptions options, WatchdogTelemetry telemetry, Func<bool> ended)
    {
        _options = options;
        _telemetry = telemetry;
        _ended = ended;
    }

    public void Send(IAdvertisementTransport transport, byte priority, IEnumerable<Peer> peers)
    {
        var datagram = new Advertisement(priority, _options.ElasticIp!, _options.InstanceId).Encode();
        foreach (var peer in peers) Send(transport, peer.Address, datagram);
    }

    private void Send(IAdvertisementTransport transport, System.Net.IPAddress destination, byte[] datagram)
    {
        try
        {
            var sending = transport.SendAsync(destination, datagram);
            if (sending.Status == TaskStatus.RanToCompletion) _telemetry.Counters.AdvertisementSent();
            else _ = ObserveAsync(sending, destination);
        }
        catch (Exception ex)
        {
            Failed(destination, ex);
        }
    }

    private async Task ObserveAsync(Task sending, System.Net.IPAddress destination)
    {
        try
        {
            await sending.ConfigureAwait(false);
            _telemetry.Counters.AdvertisementSent();
        }
        catch (Exception ex)
        {
            Failed(destination, ex);
        }
    }

    private void Failed(System.Net.IPAddress destination, Exception ex)
    {
        if (!_ended()) _telemetry.SendFailed(destination, ex);
    }
}
