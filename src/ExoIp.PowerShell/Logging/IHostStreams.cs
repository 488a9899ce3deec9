namespace ExoIp.PowerShell.Logging;

/// <summary>
/// The PowerShell streams a log entry can go to, whoever hosts the work: a cmdlet writes them to its
/// pipeline, a job to its own collections. <see cref="LogEntry.WriteTo"/> is the one mapping from log levels.
/// </summary>
internal interface IHostStreams
{
    /// <summary>Writes to the Debug stream.</summary>
    void WriteDebug(string message);

    /// <summary>Writes to the Verbose stream.</summary>
    void WriteVerbose(string message);

    /// <summary>Writes to the Warning stream.</summary>
    void WriteWarning(string message);
}
