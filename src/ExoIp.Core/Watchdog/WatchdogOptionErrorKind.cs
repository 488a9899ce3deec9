namespace ExoIp.Watchdog;

/// <summary>What is wrong with a watchdog option.</summary>
public enum WatchdogOptionErrorKind
{
    /// <summary>It has a value that cannot be used.</summary>
    Invalid = 0,

    /// <summary>It has no value and one is required.</summary>
    Missing,
}
