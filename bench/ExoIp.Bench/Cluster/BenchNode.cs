using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Exoscale;
using ExoIp.Watchdog;

namespace ExoIp.Bench.Cluster;

/// <summary>One watchdog engine of the in-process cluster, with its own API client, and a reader that counts its events.</summary>
internal sealed class BenchNode : IDisposable
{
    private readonly ExoscaleClient _client;
    private readonly Action<BenchNode, WatchdogEvent> _onEvent;
    private Task? _run;
    private Task? _reader;
    private int _peerDowns;
    private int _stateChanges;

    public BenchNode(WatchdogOptions options, ExoscaleClientOptions client, Action<BenchNode, WatchdogEvent> onEvent)
    {
        _client = new ExoscaleClient(client);
        Engine = new WatchdogEngine(options, _client);
        _onEvent = onEvent;
    }

    /// <summary>The watchdog.</summary>
    public WatchdogEngine Engine { get; }

    /// <summary>Its address.</summary>
    public IPAddress Address => Engine.Options.Bind.Address;

    /// <summary>Peers it declared dead: each one is a false death, as every node keeps running.</summary>
    public int PeerDowns => Volatile.Read(ref _peerDowns);

    /// <summary>Its role changes.</summary>
    public int StateChanges => Volatile.Read(ref _stateChanges);

    /// <summary>Starts the watchdog and the event reader.</summary>
    public void Start()
    {
        _run = Engine.RunAsync();
        _reader = ReadEventsAsync();
    }

    /// <summary>Stops without releasing the Elastic IP (no API call: the measurement is over).</summary>
    public async Task StopAsync()
    {
        await Engine.StopAsync(releaseElasticIp: false).ConfigureAwait(false);
        if (_run is not null) await _run.ConfigureAwait(false);
        if (_reader is not null) await _reader.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private async Task ReadEventsAsync()
    {
        while (await Engine.Events.WaitToReadAsync().ConfigureAwait(false))
        {
            while (Engine.Events.TryRead(out var watchdogEvent))
            {
                if (watchdogEvent.Kind == WatchdogEventKind.PeerDown) Interlocked.Increment(ref _peerDowns);
                if (watchdogEvent.Kind == WatchdogEventKind.StateChanged) Interlocked.Increment(ref _stateChanges);
                _onEvent(this, watchdogEvent);
            }
        }
    }
}
