using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using ExoIp.Watchdog;

namespace ExoIp.Systemd;

/// <summary>
/// What a <c>Type=notify</c> unit hears from the watchdog: <c>READY=1</c> once the first role is decided
/// (<see cref="ServiceStatus.IsDecided"/>), <c>STATUS=</c> whenever its line changes, <c>WATCHDOG=1</c> at half
/// the <c>WatchdogSec=</c> period, <c>STOPPING=1</c>, and <c>RELOADING=1</c> then <c>READY=1</c> around a reload.
/// Ready, status and pings are sent from the loop (<see cref="ILoopObserver"/>), so a wedged loop stops pinging
/// and systemd restarts it, even though the process lives.
/// </summary>
public sealed class ServiceNotifier : ILoopObserver
{
    private readonly SystemdNotifier _notifier;
    private readonly TimeSpan? _pingEvery;
    private readonly TimeProvider _time;
    private readonly Func<string?> _apiProblem;
    private long? _lastPing;
    private bool _ready;
    private string? _status;

    /// <param name="notifier">Where to send.</param>
    /// <param name="watchdogPeriod">systemd's watchdog period (<see cref="SystemdWatchdogPeriod"/>); null when not watched.</param>
    /// <param name="apiProblem">The API problem of the moment for the status line (<see cref="Status.ApiActivity.CurrentProblem"/>), or null.</param>
    /// <param name="time">The clock the pings are timed by.</param>
    public ServiceNotifier(SystemdNotifier notifier, TimeSpan? watchdogPeriod, Func<string?>? apiProblem = null, TimeProvider? time = null)
    {
        _notifier = notifier ?? throw new ArgumentNullException(nameof(notifier));
        _apiProblem = apiProblem ?? (() => null);
        _pingEvery = watchdogPeriod is { } period ? TimeSpan.FromTicks(period.Ticks / 2) : null;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>How often the loop pings systemd's watchdog; null when not watched.</summary>
    public TimeSpan? PingEvery => _pingEvery;

    /// <inheritdoc />
    public void OnLoopPass(WatchdogSnapshot snapshot)
    {
        var lines = new List<string>(3);
        if (!_ready && ServiceStatus.IsDecided(snapshot))
        {
            _ready = true;
            lines.Add("READY=1");
        }
        var status = ServiceStatus.Describe(snapshot, _apiProblem());
        if (status != _status)
        {
            _status = status;
            lines.Add("STATUS=" + status);
        }
        if (_pingEvery is { } every)
        {
            var now = _time.GetTimestamp();
            if (_lastPing is not { } last || _time.GetElapsedTime(last, now) >= every)
            {
                _lastPing = now;
                lines.Add("WATCHDOG=1");
            }
        }
        if (lines.Count > 0) _notifier.Send(string.Join("\n", lines));
    }

    /// <summary>SIGTERM: the stop began (a master hands the Elastic IP over first).</summary>
    public void Stopping(string status) => _notifier.Send("STOPPING=1\nSTATUS=" + status);

    /// <summary>SIGHUP: a reload began, stamped with CLOCK_MONOTONIC as systemd asks.</summary>
    public void Reloading() =>
        _notifier.Send("RELOADING=1\nMONOTONIC_USEC=" + (Stopwatch.GetTimestamp() / (Stopwatch.Frequency / 1_000_000)).ToString(CultureInfo.InvariantCulture));

    /// <summary>The reload is over (applied or refused): ready again.</summary>
    public void Reloaded() => _notifier.Send("READY=1");
}
