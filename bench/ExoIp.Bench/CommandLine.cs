using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;

namespace ExoIp.Bench;

/// <summary>
/// <c>--name value</c> options and <c>--flag</c> switches. Every option given must be read: a misspelt one is
/// an error (<see cref="ThrowIfUnread"/>), not a silently ignored setting.
/// </summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string?> _values;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private CommandLine(Dictionary<string, string?> values) => _values = values;

    /// <summary>Parses the arguments after the command.</summary>
    /// <exception cref="ArgumentException">An argument is not an option, or an option is repeated.</exception>
    public static CommandLine Parse(IEnumerable<string> arguments)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        string? pending = null;
        foreach (var argument in arguments)
        {
            if (argument.StartsWith("--", StringComparison.Ordinal))
            {
                if (pending is not null) values[pending] = null;
                pending = argument.Substring(2);
                if (values.ContainsKey(pending)) throw new ArgumentException($"--{pending} is given twice.");
                continue;
            }
            if (pending is null) throw new ArgumentException($"'{argument}' is not an option (expected --name).");
            values[pending] = argument;
            pending = null;
        }
        if (pending is not null) values[pending] = null;
        return new CommandLine(values);
    }

    /// <summary>True when the switch is given.</summary>
    public bool Flag(string name)
    {
        _read.Add(name);
        if (!_values.TryGetValue(name, out var value)) return false;
        if (value is not null) throw new ArgumentException($"--{name} is a switch and takes no value.");
        return true;
    }

    /// <summary>The option's text; <paramref name="fallback"/> when absent, an error when absent with no fallback.</summary>
    public string Text(string name, string? fallback = null)
    {
        _read.Add(name);
        if (_values.TryGetValue(name, out var value))
            return value ?? throw new ArgumentException($"--{name} needs a value.");
        return fallback ?? throw new ArgumentException($"--{name} is required.");
    }

    /// <summary>A whole number of at least <paramref name="minimum"/>.</summary>
    public int Number(string name, int fallback, int minimum = 1)
    {
        var text = Text(name, fallback.ToString(CultureInfo.InvariantCulture));
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < minimum)
            throw new ArgumentException($"--{name} '{text}' is not a whole number of at least {minimum}.");
        return value;
    }

    /// <summary>An IPv4 address.</summary>
    public IPAddress Address(string name, string? fallback = null)
    {
        var text = Text(name, fallback);
        if (!IPAddress.TryParse(text, out var address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
            throw new ArgumentException($"--{name} '{text}' is not an IPv4 address.");
        return address;
    }

    /// <summary>An IPv4 address with a port.</summary>
    public IPEndPoint EndPoint(string name)
    {
        var text = Text(name);
        if (!IPEndPoint.TryParse(text, out var endPoint) || endPoint.Port == 0 ||
            endPoint.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
            throw new ArgumentException($"--{name} '{text}' is not an IPv4 ADDRESS:PORT.");
        return endPoint;
    }

    /// <summary>Fails on any option given but never read (a typo, or an option of another command).</summary>
    public void ThrowIfUnread()
    {
        foreach (var name in _values.Keys)
        {
            if (!_read.Contains(name)) throw new ArgumentException($"Unknown option --{name}.");
        }
    }
}
