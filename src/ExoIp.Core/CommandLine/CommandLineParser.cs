using System;
using System.Collections.Generic;
using System.Linq;

namespace ExoIp.CommandLine;

/// <summary>
/// Reads an <c>exoip</c> command line against <see cref="CommandLineOptions.All"/>: exactly one mode, each flag's
/// value checked, and the variables that would stand in for an absent flag checked too, so a bad value is
/// reported by the name the user wrote it under; every bad value at once.
/// </summary>
public static class CommandLineParser
{
    /// <summary>Parses <paramref name="args"/> with the process's environment.</summary>
    /// <exception cref="UsageException">The command line cannot run.</exception>
    public static ParsedCommandLine Parse(string[] args) => Parse(args, Environment.GetEnvironmentVariable);

    /// <summary>Parses <paramref name="args"/>; <paramref name="environment"/> reads a variable.</summary>
    /// <exception cref="UsageException">The command line cannot run.</exception>
    public static ParsedCommandLine Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var line = ParseLeavingBadValues(args, environment);
        if (line.BadValues.Count == 1) throw line.BadValues[0];
        if (line.BadValues.Count > 1)
            throw new UsageException(UsageException.WholeLine,
                $"{line.BadValues.Count} problems: " + string.Join(" ", line.BadValues.Select((p, n) => $"({n + 1}) {p.Message}")));
        return line;
    }

    /// <summary>
    /// Parses <paramref name="args"/> as <see cref="Parse(IReadOnlyList{string}, Func{string, string?})"/> does,
    /// but leaves the bad values (of flags and variables) on <see cref="ParsedCommandLine.BadValues"/>, for a host
    /// that reports them in one line with its own checks of the settings. A line that cannot be read at all still throws.
    /// </summary>
    /// <exception cref="UsageException">An unknown flag, a flag without its value, no mode or several.</exception>
    public static ParsedCommandLine ParseLeavingBadValues(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        if (args is null) throw new ArgumentNullException(nameof(args));
        if (environment is null) throw new ArgumentNullException(nameof(environment));
        // -h (then -V) anywhere is a request for the usage (the version), whatever else the line holds.
        if (args.Any(a => CommandLineOptions.ShortForm(a) == "-h")) return Only(CommandLineMode.Help, environment);
        if (args.Any(a => CommandLineOptions.ShortForm(a) == "-V")) return Only(CommandLineMode.Version, environment);
        var settings = new Dictionary<string, string>();
        var problems = new List<UsageException>();
        var given = new List<CommandLineOption>();
        var modes = new List<CommandLineOption>();
        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            var option = CommandLineOptions.Find(flag) ?? throw new UsageException(flag, "unknown flag (exoip -h lists them)");
            if (option.Mode is not null)
            {
                if (!modes.Contains(option)) modes.Add(option);
                continue;
            }
            given.Add(option);
            if (!option.TakesValue)
            {
                settings[option.Setting] = "true";
                continue;
            }
            if (i + 1 >= args.Count) throw new UsageException(flag, $"needs a value ({option.ValueName})");
            var value = args[++i];
            if (option.Check(value) is { } problem) problems.Add(new UsageException(flag, $"{Quoted(value)} {problem}", option.Setting));
            settings[option.Setting] = option.Repeatable && settings.TryGetValue(option.Setting, out var earlier) ? earlier + "," + value : value;
        }

        if (modes.Count != 1)
            throw new UsageException(UsageException.WholeLine, modes.Count == 0 ? "give one of -A, -D, -C, -W, -S (exoip -h for help)" : $"give only one of {string.Join(", ", modes.Select(m => m.Flag))}");
        var mode = modes[0].Mode!.Value;
        if (mode != CommandLineMode.Watchdog && given.FirstOrDefault(o => o.WatchdogOnly) is { } watchdogOnly)
            throw new UsageException(watchdogOnly.Flag, $"only -W takes it, not {modes[0].Flag}");
        // -f: the file's variables stand in for the environment's (a flag still wins over both).
        EnvironmentFile? file = null;
        if (settings.TryGetValue("ConfigFile", out var path))
        {
            settings.Remove("ConfigFile");
            file = EnvironmentFile.Read(path);
            var process = environment;
            environment = name => file.Find(name) ?? process(name);
        }
        if (mode != CommandLineMode.Status && settings.ContainsKey("Json")) throw new UsageException("-j", $"only -S takes it, not {modes[0].Flag}");
        CheckVariables(mode, settings, environment, file, problems);

        bool Switch(string setting) => settings.Remove(setting);
        var validateOnly = Switch("ValidateOnly");
        var verbose = Switch("Verbose");
        var logToStdout = Switch("LogToStdout");
        return new ParsedCommandLine(mode, settings, validateOnly, verbose, logToStdout, environment, file) { BadValues = problems };
    }

    // The variable a flag would have come from is checked the same way, and named when wrong.
    private static void CheckVariables(
        CommandLineMode mode, IReadOnlyDictionary<string, string> settings, Func<string, string?> environment, EnvironmentFile? file, List<UsageException> problems)
    {
        foreach (var option in CommandLineOptions.All.Where(o => o.Variables.Count > 0 && !settings.ContainsKey(o.Setting)))
        {
            if (option.WatchdogOnly && mode != CommandLineMode.Watchdog) continue;
            foreach (var variable in option.Variables)
            {
                var value = environment(variable);
                if (string.IsNullOrWhiteSpace(value)) continue;
                if (option.Check(value!.Trim()) is { } problem)
                    problems.Add(new UsageException(variable, $"{Quoted(value)} {problem}" + (file?.Find(variable) is null ? "" : $" (in {file.Path})"), option.Setting));
                break;
            }
        }
    }

    private static ParsedCommandLine Only(CommandLineMode mode, Func<string, string?> environment) =>
        new(mode, new Dictionary<string, string>(), validateOnly: false, verbose: false, logToStdout: true, environment, file: null);

    // Secrets never reach a message, and a value with spaces stays readable.
    private static string Quoted(string value) => value.Length == 0 || value.Any(char.IsWhiteSpace) ? $"'{value}'" : value;
}
