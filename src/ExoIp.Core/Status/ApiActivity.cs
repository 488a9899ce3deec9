using System;
using ExoIp.Watchdog;

namespace ExoIp.Status;

/// <summary>
/// The watchdog's last API action and its last API error, from its events (<see cref="WatchdogEventKind.ApiAction"/>),
/// for <c>exoip -S</c> and systemd's status line. Thread-safe: the event reader writes, the status socket reads.
/// </summary>
public sealed class ApiActivity
{
    private readonly object _gate = new();
    private WatchdogEvent? _lastAction;
    private WatchdogEvent? _lastError;

    /// <summary>The last API action's event, or null before the first.</summary>
    public WatchdogEvent? LastAction
    {
        get { lock (_gate) return _lastAction; }
    }

    /// <summary>The last failed API action's event, or null when none failed.</summary>
    public WatchdogEvent? LastError
    {
        get { lock (_gate) return _lastError; }
    }

    /// <summary>The last error's message while the latest action failed; null once one succeeds again.</summary>
    public string? CurrentProblem
    {
        get { lock (_gate) return _lastAction?.Outcome == ApiActionOutcome.Failed ? _lastAction.Error : null; }
    }

    /// <summary>Takes note of <paramref name="watchdogEvent"/> when it is an API action.</summary>
    public void Observe(WatchdogEvent watchdogEvent)
    {
        if (watchdogEvent is null) throw new ArgumentNullException(nameof(watchdogEvent));
        if (watchdogEvent.Kind != WatchdogEventKind.ApiAction) return;
        lock (_gate)
        {
            _lastAction = watchdogEvent;
            if (watchdogEvent.Outcome == ApiActionOutcome.Failed) _lastError = watchdogEvent;
        }
    }
}
