using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace ExoIp.Processes;

/// <summary>
/// An executable and its arguments, run without a shell: a health check command or a notify hook, written
/// as one line (<c>/usr/local/bin/check-haproxy --quick</c>) and split by <see cref="ArgumentSplitter"/>.
/// </summary>
public sealed class ExternalCommand
{
    private ExternalCommand(string text, string executable, IReadOnlyList<string> arguments)
    {
        Text = text;
        Executable = executable;
        Arguments = arguments;
    }

    /// <summary>The command line as given.</summary>
    public string Text { get; }

    /// <summary>The executable: a path, or a name looked up on PATH when it runs.</summary>
    public string Executable { get; }

    /// <summary>The arguments after the executable.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>
    /// Splits <paramref name="commandLine"/> and checks that its executable exists: a path must name a file,
    /// a bare name must be found on PATH, so that a typo fails at start rather than at every run.
    /// </summary>
    /// <exception cref="FormatException">The line is empty, a quote is not closed, or the executable is not found.</exception>
    public static ExternalCommand Parse(string commandLine)
    {
        var words = ArgumentSplitter.Split(commandLine ?? throw new ArgumentNullException(nameof(commandLine)));
        if (words.Count == 0 || words[0].Length == 0) throw new FormatException("The command is empty: give an executable and its arguments.");
        var executable = words[0];
        if (FindExecutable(executable) is null)
        {
            throw new FormatException(HasDirectory(executable)
                ? $"'{executable}' does not exist (the command runs without a shell: give the executable's path)."
                : $"'{executable}' is not found on PATH (the command runs without a shell: give the executable's path).");
        }
        return new ExternalCommand(commandLine.Trim(), executable, words.Skip(1).ToArray());
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private static bool HasDirectory(string executable) =>
        executable.IndexOf(Path.DirectorySeparatorChar) >= 0 || executable.IndexOf(Path.AltDirectorySeparatorChar) >= 0;

    private static string? FindExecutable(string executable)
    {
        if (HasDirectory(executable)) return File.Exists(executable) ? executable : null;
        var windows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
        var extensions = windows && Path.GetExtension(executable).Length == 0
            ? (Environment.GetEnvironmentVariable("PATHEXT") ?? ".EXE;.CMD;.BAT").Split(';')
            : new[] { "" };
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries);
        return directories
            .SelectMany(directory => extensions.Select(extension => Path.Combine(directory, executable + extension)))
            .FirstOrDefault(File.Exists);
    }
}
