namespace ExoIp.Watchdog;

/// <summary>Where a watchdog is in its life.</summary>
public enum WatchdogStatus
{
    /// <summary>Created, not running yet.</summary>
    NotStarted = 0,

    /// <summary>Advertising and electing.</summary>
    Running,

    /// <summary>A graceful stop is handing the Elastic IP over (advertising priority 255).</summary>
    Stopping,

    /// <summary>Stopped (or killed).</summary>
    Stopped,
}
