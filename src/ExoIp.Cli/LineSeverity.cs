namespace ExoIp.Cli;

/// <summary>How grave a line is: the syslog and sd-daemon levels <c>exoip</c> writes (journalctl -p filters on them).</summary>
internal enum LineSeverity
{
    /// <summary>The watchdog failed (LOG_ERR, 3).</summary>
    Error = 3,

    /// <summary>Something needs a look: a Warning event, a failed notify hook (LOG_WARNING, 4).</summary>
    Warning = 4,

    /// <summary>An event (LOG_INFO, 6).</summary>
    Info = 6,

    /// <summary>What only -v shows (LOG_DEBUG, 7).</summary>
    Debug = 7,
}
