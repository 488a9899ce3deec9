using System;

namespace ExoIp.CommandLine;

/// <summary>
/// A command line that cannot run: an unknown flag, a missing value, a bad value. The message starts with the
/// flag or variable at fault (<c>-P: 300 is not a priority (0-255)</c>); hosts print it and exit 2.
/// </summary>
public sealed class UsageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UsageException(string subject, string problem) : base(subject + ": " + problem) => Subject = subject;

    /// <summary>The flag (<c>-P</c>) or variable (<c>IF_HOST_PRIORITY</c>) at fault, or <c>exoip</c> for the line as a whole.</summary>
    public string Subject { get; }

    /// <summary>The exit code of a usage error, as the original's.</summary>
    public const int ExitCode = 2;
}
