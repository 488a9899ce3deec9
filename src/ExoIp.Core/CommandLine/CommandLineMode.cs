namespace ExoIp.CommandLine;

/// <summary>What an <c>exoip</c> command line asks for.</summary>
public enum CommandLineMode
{
    /// <summary>-h or --help: print the usage.</summary>
    Help = 0,

    /// <summary>-A: associate the Elastic IP with this instance, then exit.</summary>
    Associate,

    /// <summary>-D: dissociate the Elastic IP from this instance, then exit.</summary>
    Dissociate,

    /// <summary>-W: run the watchdog until SIGTERM or SIGINT.</summary>
    Watchdog,

    /// <summary>-C: say whether the Elastic IP is on this instance; exit 0 when it is, 3 when not (the OCF agent's monitor).</summary>
    Check,

    /// <summary>-S: ask the running watchdog on this host for its state (exit 3 when none answers).</summary>
    Status,

    /// <summary>-V or --version: print the version and the build's commit.</summary>
    Version,
}
