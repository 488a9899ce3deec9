using System.Threading;
using ExoIp.Systemd;
using ExoIp.Watchdog;

namespace ExoIp.Cli;

/// <summary>
/// SIGTERM or SIGINT, once: the watchdog stops, a master handing the Elastic IP over first, or keeping it with -K
/// (<c>IF_KEEP_ELASTIC_IP</c>: a planned restart of a lone node). The process exits 0 once the engine has stopped,
/// not at the signal.
/// </summary>
internal sealed class StopRequest
{
    private readonly LogSink _sink;
    private readonly WatchdogEngine _engine;
    private readonly ServiceNotifier? _service;
    private volatile bool _keep;
    private int _requested;

    public StopRequest(LogSink sink, WatchdogEngine engine, ServiceNotifier? service, bool keep)
    {
        _sink = sink;
        _engine = engine;
        _service = service;
        _keep = keep;
    }

    /// <summary>Whether the stop keeps the Elastic IP; a reload may change it.</summary>
    public bool Keep
    {
        set => _keep = value;
    }

    /// <summary>Handles <paramref name="signal"/>; true, so the runtime does not end the process itself.</summary>
    public bool Request(string signal)
    {
        if (Interlocked.Exchange(ref _requested, 1) != 0) return true;
        var keep = _keep;
        var what = keep ? "stopping and keeping the Elastic IP (-K)" : "stopping; a master hands the Elastic IP over first";
        _sink.Write(System.DateTimeOffset.UtcNow, $"{signal}: {what}", LineSeverity.Info);
        _service?.Stopping(keep ? "Stopping, keeping the Elastic IP" : "Stopping, handing the Elastic IP over");
        _ = _engine.StopAsync(releaseElasticIp: !keep);
        return true;
    }
}
