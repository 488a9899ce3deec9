namespace ExoIp.Watchdog;

/// <summary>Where a <see cref="WatchdogEngine"/> is in its one life: it runs once, or ends before it ever ran.</summary>
internal enum EngineLifecycle
{
    /// <summary>Made, not yet run.</summary>
    NotStarted,

    /// <summary>Its run began (it may have ended since).</summary>
    Running,

    /// <summary>Stopped or killed before it ran: its run returns at once.</summary>
    EndedWithoutRunning,
}
