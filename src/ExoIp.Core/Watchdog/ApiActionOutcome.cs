namespace ExoIp.Watchdog;

/// <summary>How an API action ended.</summary>
public enum ApiActionOutcome
{
    /// <summary>It changed something (attach, detach) or got its answer (check).</summary>
    Done = 0,

    /// <summary>Nothing to do: the instance was already in the wanted state.</summary>
    NoOp,

    /// <summary>It failed; the watchdog will try again after a delay.</summary>
    Failed,
}
