namespace ExoIp.Watchdog;

/// <summary>
/// Where a <see cref="WatchdogEngine"/> is in its one life: it runs once, or ends before it ever ran.
/// <see cref="EngineLifecycleState"/> moves it.
/// </summary>
internal enum EngineLifecycle
{
    /// <summary>Made, not yet run.</summary>
    NotStarted,

    /// <summary>Its loop runs.</summary>
    Running,

    /// <summary>Killed while its loop runs: the loop acts on no more input and ends at its next one.</summary>
    Killing,

    /// <summary>Its core finished (a stop is done): the loop ends with this pass, then the run's end follows.</summary>
    Finished,

    /// <summary>Killed, and its loop has ended (or ends with this pass): the end tells no hook.</summary>
    Killed,

    /// <summary>Stopped or killed before it ran: its run returns at once.</summary>
    EndedWithoutRunning,
}
