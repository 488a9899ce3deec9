using System;

namespace ExoIp.CommandLine;

/// <summary>
/// A command line that cannot run: an unknown flag, a missing value, a bad value. The message starts with the
/// flag or variable at fault (<c>-P: 300 is not a priority (0-255)</c>), except for the line as a whole, which hosts
/// name anyway when they print it after <c>exoip: </c> and exit 2.
/// </summary>
public sealed class UsageException : Exception
{
    /// <summary>Creates the exception; <paramref name="setting"/> names the setting of a bad value.</summary>
    public UsageException(string subject, string problem, string? setting = null) : base(subject == WholeLine ? problem : subject + ": " + problem)
    {
        Subject = subject;
        Setting = setting;
    }

    /// <summary>The <see cref="Subject"/> of a problem with the line as a whole (no mode, two modes).</summary>
    public const string WholeLine = "exoip";

    /// <summary>The flag (<c>-P</c>) or variable (<c>IF_HOST_PRIORITY</c>) at fault, or <c>exoip</c> for the line as a whole.</summary>
    public string Subject { get; }

    /// <summary>For a bad value, the setting it was for (cmdlet parameter name, <c>DeadRatio</c>); else null.</summary>
    public string? Setting { get; }

    /// <summary>The exit code of a usage error, as the original's.</summary>
    public const int ExitCode = 2;
}
