using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ExoIp.Configuration;

namespace ExoIp.CommandLine;

/// <summary>
/// A configuration file for <c>exoip -f</c>: <c>KEY=VALUE</c> lines in the syntax of systemd's
/// <c>EnvironmentFile=</c> (blank lines and lines starting with <c>#</c> or <c>;</c> ignored, a value in single or
/// double quotes unquoted, a backslash at the end of a line continuing it), with the variables ExoIp reads
/// (<see cref="KnownVariables"/>). As in systemd, a <c>#</c> after a value is part of the value, so comments go
/// on lines of their own. A name ExoIp does not read is refused with its line number: a typo would otherwise be
/// a setting silently missing. Values never reach a message (the file may hold the API secret).
/// </summary>
public sealed class EnvironmentFile
{
    private readonly Dictionary<string, string> _values;

    private EnvironmentFile(string path, Dictionary<string, string> values)
    {
        Path = path;
        _values = values;
    }

    /// <summary>Where it was read from.</summary>
    public string Path { get; }

    /// <summary>The variables it sets, by name.</summary>
    public IReadOnlyDictionary<string, string> Values => _values;

    /// <summary>Every variable a file may set: those of the command line's rows, then the ones no flag gives.</summary>
    public static IReadOnlyList<string> KnownVariables { get; } = CommandLineOptions.All.SelectMany(o => o.Variables)
        .Concat(new[]
        {
            EnvironmentVariables.IfZone, EnvironmentVariables.MetadataEndpoint, EnvironmentVariables.MetadataCdRom,
            EnvironmentVariables.ExoscaleApiKey, EnvironmentVariables.ExoscaleApiSecret, EnvironmentVariables.ExoscaleZone,
            EnvironmentVariables.ExoscaleApiEndpoint, EnvironmentVariables.ExoscaleAccount, EnvironmentVariables.ExoscaleConfig,
        })
        .Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Reads and parses <paramref name="path"/>.</summary>
    /// <exception cref="UsageException">The file cannot be read, or a line is not <c>KEY=VALUE</c> with a known key (subject <c>-f</c>).</exception>
    public static EnvironmentFile Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // Said in words: the native build carries no resource strings, so e.Message may be a resource key.
            var why = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "no such file",
                UnauthorizedAccessException => "permission denied",
                ArgumentException or NotSupportedException => "not a file name",
                _ => "an I/O error (" + e.GetType().Name + ")",
            };
            throw new UsageException("-f", $"cannot read {path}: {why}");
        }
        return Parse(path, text);
    }

    /// <summary>Parses <paramref name="text"/>, read from <paramref name="path"/> (named in errors).</summary>
    /// <exception cref="UsageException">A line is not <c>KEY=VALUE</c> with a known key.</exception>
    public static EnvironmentFile Parse(string path, string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (number, line) in LogicalLines(text))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#' || trimmed[0] == ';') continue;
            var equals = trimmed.IndexOf('=');
            if (equals <= 0) throw new UsageException("-f", $"{path}:{number}: not a KEY=VALUE line");
            var key = trimmed.Substring(0, equals).TrimEnd();
            if (!KnownVariables.Contains(key, StringComparer.Ordinal))
                throw new UsageException("-f", $"{path}:{number}: {key} is not a variable exoip reads (exoip -h lists them)");
            values[key] = Unquote(trimmed.Substring(equals + 1).Trim(), path, number);
        }
        return new EnvironmentFile(path, values);
    }

    /// <summary>The value the file gives <paramref name="variable"/>, or null.</summary>
    public string? Find(string variable) => _values.TryGetValue(variable, out var value) ? value : null;

    // A backslash ending a line joins the next one to it; lines are numbered as the file numbers them.
    private static IEnumerable<(int Number, string Line)> LogicalLines(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i];
            while (line.EndsWith("\\", StringComparison.Ordinal) && i + 1 < lines.Length) line = line.Substring(0, line.Length - 1) + lines[++i];
            yield return (number, line);
        }
    }

    private static string Unquote(string value, string path, int number)
    {
        if (value.Length == 0 || (value[0] != '"' && value[0] != '\'')) return value;
        var quote = value[0];
        if (value.Length < 2 || value[value.Length - 1] != quote) throw new UsageException("-f", $"{path}:{number}: a quote is not closed");
        var inner = value.Substring(1, value.Length - 2);
        if (quote == '\'') return inner;
        // Inside double quotes, a backslash escapes the next character, as systemd reads them.
        var text = new StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++) text.Append(inner[i] == '\\' && i + 1 < inner.Length ? inner[++i] : inner[i]);
        return text.ToString();
    }
}
