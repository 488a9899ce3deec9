using System.Threading;
using System.Threading.Tasks;
using ExoIp.Health;

namespace ExoIp.Watchdog;

/// <summary>
/// A health monitor as the engine runs it: started beside the loop (a check never delays an advert), stopped at
/// the end, or when a reload replaces its checks.
/// </summary>
internal sealed class RunningHealthMonitor
{
    private readonly CancellationTokenSource _stop = new();
    private Task _run = Task.CompletedTask;

    public RunningHealthMonitor(HealthMonitor monitor)
    {
        Monitor = monitor;
    }

    public HealthMonitor Monitor { get; }

    /// <summary>Starts its rounds on the thread pool.</summary>
    public void Start() => _run = Task.Run(() => Monitor.RunAsync(_stop.Token));

    /// <summary>Stops its rounds; completes once its checks are disposed.</summary>
    public Task StopAsync()
    {
        _stop.Cancel();
        return _run;
    }
}
