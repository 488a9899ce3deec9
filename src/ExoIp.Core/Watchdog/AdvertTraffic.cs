using System;
using System.Net;
using System.Threading.Tasks;
using ExoIp.Authentication;
using ExoIp.Peers;
using ExoIp.Protocol;
using ExoIp.Telemetry;
using ExoIp.Transport;

namespace ExoIp.Watchdog;

/// <summary>
/// How a <see cref="WatchdogEngine"/>'s adverts come and go: the transport, the keys that sign and verify them,
/// the sender, the receiver, and the loop's wait (on a real socket, the loop reads the datagrams itself).
/// </summary>
internal sealed class AdvertTraffic
{
    private readonly TimeProvider _time;
    private readonly WatchdogTelemetry _telemetry;
    private readonly VerificationWatch _verification;
    private readonly EngineLifecycleState _lifecycle;
    private readonly AdvertisementSigner? _signer;
    private readonly AdvertisementReader _reader;
    private IAdvertisementTransport? _transport;
    private DatagramReceiver? _receiver;
    private LoopWait? _wait;
    private Task? _receiving;
    private AdvertisementSender? _sender;

    public AdvertTraffic(WatchdogOptions options, IAdvertisementTransport? transport, TimeProvider time, WatchdogTelemetry telemetry,
        VerificationWatch verification, EngineLifecycleState lifecycle)
    {
        _transport = transport;
        _time = time;
        _telemetry = telemetry;
        _verification = verification;
        _lifecycle = lifecycle;
        if (options.AuthKeys is { } keys)
        {
            _signer = new AdvertisementSigner(keys, _time);
            _reader = new AdvertisementReader(new AdvertisementVerifier(keys, _time, AdvertisementVerifier.WindowFor(options.Interval, options.DeadRatio)));
        }
        else
        {
            _reader = new AdvertisementReader(null);
        }
    }

    /// <summary>The advert keys in use, or null without a key.</summary>
    public AuthKeyRing? Keys => _signer?.Keys;

    /// <summary>A send round is due or under way.</summary>
    public bool SendPending => _sender?.RoundPending == true;

    /// <summary>Signs with <paramref name="keys"/> from the next advert on and verifies with them from the next datagram on; false without a key.</summary>
    public bool TryUseKeys(AuthKeyRing keys)
    {
        if (_signer is null || _reader.Verifier is null) return false;
        _reader.Verifier.UseKeys(keys);
        _signer.UseKeys(keys);
        _verification.KeysChanged();
        _telemetry.KeysChanged(keys);
        return true;
    }

    /// <summary>Binds the default transport (a UDP socket) unless one was given.</summary>
    public void Open(IPEndPoint bind) => _transport ??= new UdpTransport(bind);

    /// <summary>Starts receiving into <paramref name="inbox"/>; returns the wait the loop sleeps in.</summary>
    public LoopWait Listen(WatchdogOptions options, Membership membership, Func<DateTimeOffset> now, LoopInbox inbox)
    {
        _receiver = new DatagramReceiver(options, membership, _telemetry, _time, now, inbox.TryPostAdvert, () => _lifecycle.Ended, _reader, _verification);
        // A real socket on the real clock: the loop waits on the socket itself and reads it. Anything else (a
        // simulated clock, another transport): a receiver posts the datagrams and the clock's timer wakes the loop.
        var socketWait = _transport is UdpTransport udp && ReferenceEquals(_time, TimeProvider.System) ? SocketLoopWait.TryCreate(udp, _time) : null;
        _wait = socketWait ?? (LoopWait)new ClockLoopWait(_time, () => inbox.Post(LoopInput.Wake.Instance));
        inbox.WakeThrough(_wait);
        if (socketWait is null) _receiving = _receiver.RunAsync(_transport!);
        return _wait;
    }

    /// <summary>Makes the sender, which waits for <see cref="StartSending"/>.</summary>
    public void NewSender(TimeSpan interval, string name) =>
        // Adverts go out from a thread of their own, so neither a flood of datagrams queued for the loop nor a
        // starved thread pool (where timers fire and the loop runs) can delay this node's sign of life.
        _sender = new AdvertisementSender(_transport!, interval, _time, _signer, OnSent, $"ExoIp adverts {name}");

    /// <summary>Starts the sender's thread; the first adverts go out at once, as the last <see cref="Plan"/> said.</summary>
    public void StartSending() => _sender!.Start();

    // Tells the sender what to advertise when it changed, and to send at once when the core says so (a new priority,
    // the stop's 255, this node becoming master).
    public void Plan(CoreStep step)
    {
        if (step.SignWithNextKey) _signer?.SignWithNextKey();
        if (step.Plan is { } plan) _sender!.Publish(plan);
        if (step.Timing != AdvertTiming.OnCadence) _sender!.SendNow(again: step.Timing == AdvertTiming.NowAndSoonAgain);
    }

    /// <summary>On the loop: a datagram waiting on the socket that may be a peer's advert (screened), or null when none is.</summary>
    public LoopInput.Advert? ReceiveOnLoop()
    {
        while (TryReceive(out var datagram))
        {
            if (_receiver!.Accept(datagram!) is { } advert) return advert;
        }
        return null;
    }

    /// <summary>Falls silent at once (a kill): no more advert goes out, the socket closes.</summary>
    public void Silence()
    {
        _sender?.Stop();
        _transport?.Dispose();
    }

    /// <summary>Closes the transport of a watchdog that never ran (given to it, it owns it from then on).</summary>
    public void CloseUnused() => _transport?.Dispose();

    /// <summary>Closes everything; completes once the receiver has ended.</summary>
    public async Task CloseAsync()
    {
        _sender?.Dispose();
        _transport?.Dispose();
        if (_receiving is not null) await _receiving.ConfigureAwait(false);
        _wait?.Dispose();
        _reader.Dispose();
        _signer?.Dispose();
    }

    private bool TryReceive(out ReceivedDatagram? datagram)
    {
        try
        {
            return _wait!.TryReceive(out datagram);
        }
        catch (Exception ex) when (ex is not ObjectDisposedException)
        {
            datagram = null;
            if (!_lifecycle.Ended) _telemetry.ReceiveFailed(ex);
            return false;
        }
    }

    // On the sender's thread, after each send.
    private void OnSent(IPAddress peer, Exception? error)
    {
        if (error is null) _telemetry.Counters.AdvertisementSent();
        else if (!_lifecycle.Ended) _telemetry.SendFailed(peer, error);
    }
}
