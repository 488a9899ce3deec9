using System;
using System.Collections.Generic;

namespace ExoIp.CommandLine;

/// <summary>An <c>exoip</c> command line that can run: its mode, the settings its flags gave, and its switches.</summary>
public sealed class ParsedCommandLine
{
    internal ParsedCommandLine(CommandLineMode mode, IReadOnlyDictionary<string, string> settings, bool validateOnly, bool verbose, bool logToStdout,
        Func<string, string?> environment, EnvironmentFile? file)
    {
        Environment = environment;
        File = file;
        Mode = mode;
        Settings = settings;
        ValidateOnly = validateOnly;
        Verbose = verbose;
        LogToStdout = logToStdout;
    }

    /// <summary>Reads a variable: from the -f file, else from the process's environment.</summary>
    public Func<string, string?> Environment { get; }

    /// <summary>The -f file, or null.</summary>
    public EnvironmentFile? File { get; }

    /// <summary>-A, -D, -W, -h or -V.</summary>
    public CommandLineMode Mode { get; }

    /// <summary>The values the flags gave, keyed by setting (cmdlet parameter) name; repeated -p are comma-joined.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>-n: check, change nothing.</summary>
    public bool ValidateOnly { get; }

    /// <summary>-v.</summary>
    public bool Verbose { get; }

    /// <summary>-O: log lines to standard output rather than syslog.</summary>
    public bool LogToStdout { get; }

    /// <summary>
    /// The values of flags and variables that failed their check, in order (empty from
    /// <see cref="CommandLineParser.Parse(IReadOnlyList{string}, Func{string, string?})"/>, which throws them).
    /// </summary>
    public IReadOnlyList<UsageException> BadValues { get; internal init; } = Array.Empty<UsageException>();
}
