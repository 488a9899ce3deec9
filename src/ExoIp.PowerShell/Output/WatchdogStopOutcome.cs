namespace ExoIp.PowerShell.Output;

/// <summary>How a watchdog's stop ended, for the Elastic IP.</summary>
public enum WatchdogStopOutcome
{
    /// <summary>This node does not hold the Elastic IP any more (it released it, or never held it).</summary>
    Released = 0,

    /// <summary>The node still holds it, as asked (Stop-ExoIpWatchdog -KeepElasticIp).</summary>
    Kept,

    /// <summary>The stop timeout passed while the node may still hold it.</summary>
    TimedOut,

    /// <summary>Not known: the API never said whether this node holds it.</summary>
    Unknown,

    /// <summary>The watchdog could not run (the bind address is taken, ...).</summary>
    Failed,
}
