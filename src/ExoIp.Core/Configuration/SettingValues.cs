using System;
using System.Globalization;
using System.Net;
using ExoIp.Watchdog;

namespace ExoIp.Configuration;

/// <summary>
/// How the text of a setting is read, whoever reads it: <see cref="WatchdogSettings"/> for the cmdlets and the
/// command line's value parsers (<see cref="CommandLine.CommandLineOptions"/>), so both accept the same forms.
/// Addresses and peer lists are <see cref="AddressSyntax"/>'s and <see cref="PeerList"/>'s.
/// </summary>
public static class SettingValues
{
    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static bool TryParseInteger(string text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;

    /// <summary>Seconds, fractions allowed, from <see cref="WatchdogOptions.MinimumIntervalSeconds"/> to <see cref="WatchdogOptions.MaximumIntervalSeconds"/>.</summary>
    public static bool TryParseInterval(string text, out TimeSpan interval) =>
        TryParseSeconds(text, WatchdogOptions.MinimumIntervalSeconds, WatchdogOptions.MaximumIntervalSeconds, out interval);

    /// <summary>Seconds, fractions allowed, from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static bool TryParseSeconds(string text, double min, double max, out TimeSpan value)
    {
        value = default;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < min || seconds > max)
            return false;
        value = TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
        return true;
    }

    /// <summary>A yes/no switch as ifupdown writes it: yes, no, true, false, on, off, 1, 0.</summary>
    public static bool TryParseSwitch(string text, out bool value)
    {
        switch (text.ToLowerInvariant())
        {
            case "1" or "true" or "yes" or "on":
                value = true;
                return true;
            case "0" or "false" or "no" or "off":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>The original's bind forms: ":12345" (every address), "10.0.0.1:12345", and a bare address on the default port.</summary>
    public static bool TryParseBind(string text, out IPEndPoint bind)
    {
        bind = null!;
        var colon = text.LastIndexOf(':');
        var host = colon < 0 ? text : text.Substring(0, colon);
        var portText = colon < 0 ? WatchdogOptions.DefaultPort.ToString(CultureInfo.InvariantCulture) : text.Substring(colon + 1);
        var address = host.Length == 0 ? IPAddress.Any : null;
        if ((address is null && !AddressSyntax.TryParseIPv4(host, out address))
            || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is <= 0 or > 65535)
            return false;
        bind = new IPEndPoint(address!, port);
        return true;
    }
}
