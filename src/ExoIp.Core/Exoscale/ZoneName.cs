using System;

namespace ExoIp.Exoscale;

/// <summary>
/// Exoscale zone names (ch-gva-2, de-fra-1): lowercase letters and digits in groups joined by single dashes.
/// Checked by hand rather than by a Regex: a Regex built at run time brings .NET's whole regular expression
/// parser and interpreter into the native executable (about 0.6 MiB of its image, by the linker map).
/// </summary>
internal static class ZoneName
{
    private const string ApiHostPrefix = "api-";
    private const string ApiHostSuffix = ".exoscale.com";

    public static bool IsValid(string? text)
    {
        if (string.IsNullOrEmpty(text)) return false;
        var previous = '-';
        foreach (var c in text!)
        {
            var alphanumeric = c is >= 'a' and <= 'z' or >= '0' and <= '9';
            if (!alphanumeric && (c != '-' || previous == '-')) return false;
            previous = c;
        }
        return previous != '-';
    }

    /// <summary>The zone of an Exoscale API host name (api-ch-gva-2.exoscale.com → ch-gva-2), or null.</summary>
    public static string? OfApiHost(string host)
    {
        if (!host.StartsWith(ApiHostPrefix, StringComparison.Ordinal) || !host.EndsWith(ApiHostSuffix, StringComparison.Ordinal)) return null;
        var zone = host.Substring(ApiHostPrefix.Length, Math.Max(0, host.Length - ApiHostPrefix.Length - ApiHostSuffix.Length));
        return IsValid(zone) ? zone : null;
    }
}
