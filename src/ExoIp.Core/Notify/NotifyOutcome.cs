namespace ExoIp.Notify;

/// <summary>How a notify hook's run for one role change ended.</summary>
public enum NotifyOutcome
{
    /// <summary>It ran to the end without error (a command: exit code 0).</summary>
    Succeeded = 0,

    /// <summary>It failed: a non-zero exit code, an error, or it could not start.</summary>
    Failed,

    /// <summary>It was still running at the timeout and was stopped (a command: killed).</summary>
    TimedOut,

    /// <summary>It never ran: the hook fell so far behind that newer changes pushed this one out of its queue.</summary>
    Skipped,
}
