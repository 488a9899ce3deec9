using System;
using System.Collections.Generic;

namespace ExoIp.CommandLine;

/// <summary>
/// One flag of the <c>exoip</c> command line: the setting it gives (a cmdlet parameter's name, the key of
/// <see cref="Configuration.SettingSources"/>), the variables that give it otherwise, its help, and how its value
/// is checked. A row of <see cref="CommandLineOptions.All"/>.
/// </summary>
public sealed class CommandLineOption
{
    private readonly Func<string, string?>? _check;

    private CommandLineOption(string flag, string setting, string? valueName, IReadOnlyList<string> variables, string help,
        Func<string, string?>? check, CommandLineMode? mode, bool watchdogOnly, bool repeatable)
    {
        Flag = flag;
        Setting = setting;
        ValueName = valueName;
        Variables = variables;
        Help = help;
        _check = check;
        Mode = mode;
        WatchdogOnly = watchdogOnly;
        Repeatable = repeatable;
    }

    /// <summary>A flag with a value, e.g. <c>-P int</c>.</summary>
    /// <param name="flag">The flag, case-sensitive as the original's: -p (peers) is not -P (priority).</param>
    /// <param name="setting">The setting's name: the cmdlet parameter and the key in the parsed settings.</param>
    /// <param name="valueName">What the value is, for the usage text.</param>
    /// <param name="variables">The environment variables that give the setting when the flag is absent, first wins.</param>
    /// <param name="help">One line for the usage text.</param>
    /// <param name="check">What is wrong with a value ("is not a priority (0-255)"), or null when it is fine.</param>
    /// <param name="watchdogOnly">True when only -W takes it.</param>
    /// <param name="repeatable">True when repeats add up (comma-joined) instead of the last one winning.</param>
    public static CommandLineOption Value(string flag, string setting, string valueName, string[] variables, string help,
        Func<string, string?> check, bool watchdogOnly = false, bool repeatable = false) =>
        new(flag, setting, valueName, variables, help, check, null, watchdogOnly, repeatable);

    /// <summary>A flag without a value; <paramref name="mode"/> when it picks the mode.</summary>
    public static CommandLineOption Switch(string flag, string setting, string help, CommandLineMode? mode = null) =>
        new(flag, setting, null, Array.Empty<string>(), help, null, mode, false, false);

    /// <summary>A flag without a value that a variable (yes/no) gives otherwise, e.g. <c>-cs</c>.</summary>
    public static CommandLineOption Switch(string flag, string setting, string help, string[] variables, bool watchdogOnly) =>
        new(flag, setting, null, variables, help, v => Configuration.SettingValues.TryParseSwitch(v, out _) ? null : "is not yes or no",
            null, watchdogOnly, false);

    /// <summary>The flag, e.g. <c>-P</c>.</summary>
    public string Flag { get; }

    /// <summary>The setting's name, e.g. <c>Priority</c>.</summary>
    public string Setting { get; }

    /// <summary>What the value is (<c>int</c>, <c>addr</c>); null for a switch.</summary>
    public string? ValueName { get; }

    /// <summary>True for a flag that takes a value.</summary>
    public bool TakesValue => ValueName is not null;

    /// <summary>The environment variables that give the setting when the flag is absent.</summary>
    public IReadOnlyList<string> Variables { get; }

    /// <summary>The usage text's line.</summary>
    public string Help { get; }

    /// <summary>The mode this switch selects, if it is one of -A, -D, -W, -h.</summary>
    public CommandLineMode? Mode { get; }

    /// <summary>True when only the watchdog (-W) takes the option.</summary>
    public bool WatchdogOnly { get; }

    /// <summary>True when repeats add up.</summary>
    public bool Repeatable { get; }

    /// <summary>What is wrong with <paramref name="value"/>, or null when it is acceptable.</summary>
    public string? Check(string value) => _check?.Invoke(value);
}
