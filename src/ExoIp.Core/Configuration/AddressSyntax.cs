using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;

namespace ExoIp.Configuration;

/// <summary>
/// The one local check of the addresses users type: an IPv4 address in dotted-quad form (as the adverts carry
/// it), or an Elastic IP given by its id (a UUID). Everything that takes an address checks it here, before
/// any API call, so a typo is refused the same way everywhere instead of coming back from the API as a 404.
/// </summary>
public static class AddressSyntax
{
    /// <summary>True for an IPv4 address written as four dotted numbers (not "10.1", which IPAddress also accepts).</summary>
    public static bool TryParseIPv4(string? text, out IPAddress address)
    {
        address = IPAddress.None;
        if (text is null) return false;
        var trimmed = text.Trim();
        if (!IPAddress.TryParse(trimmed, out var parsed) || parsed.AddressFamily != AddressFamily.InterNetwork
            || trimmed.Count(c => c == '.') != 3)
            return false;
        address = parsed;
        return true;
    }

    /// <summary>True for an Elastic IP reference: an IPv4 address or an Elastic IP id (UUID-shaped).</summary>
    public static bool IsElasticIpReference(string? text) =>
        TryParseIPv4(text, out _) || (text is not null && Guid.TryParseExact(text.Trim(), "D", out _));

    /// <summary>The sentence for a string that is not an Elastic IP reference; <paramref name="source"/> says where it came from.</summary>
    public static string NotAnElasticIp(string text, string source) =>
        $"'{text}' from {source} is neither an IPv4 address (such as 198.51.100.50) nor an Elastic IP id (a UUID).";
}
