namespace ExoIp.Processes;

/// <summary>How a run of an <see cref="ExternalCommand"/> ended.</summary>
public enum ProcessEnd
{
    /// <summary>It exited by itself; <see cref="ProcessResult.ExitCode"/> says how.</summary>
    Exited = 0,

    /// <summary>It was killed, with its descendants, when its run was cancelled (a timeout).</summary>
    Killed,

    /// <summary>It could not be started; <see cref="ProcessResult.Error"/> says why.</summary>
    NotStarted,
}
