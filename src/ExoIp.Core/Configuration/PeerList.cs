using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace ExoIp.Configuration;

/// <summary>
/// A list of static peers as users write it (-Peer, IF_EXOSCALE_PEERS, exoip -p): IPv4 addresses separated by
/// commas, spaces or tabs, in one string or several. The one parser for every place that reads such a list.
/// </summary>
public sealed class PeerList
{
    private static readonly char[] Separators = { ',', ' ', '\t' };

    private PeerList(IReadOnlyList<IPAddress> addresses, IReadOnlyList<string> invalid)
    {
        Addresses = addresses;
        Invalid = invalid;
    }

    /// <summary>The valid addresses, in the order given, each once.</summary>
    public IReadOnlyList<IPAddress> Addresses { get; }

    /// <summary>The entries that are not IPv4 addresses, as written.</summary>
    public IReadOnlyList<string> Invalid { get; }

    /// <summary>Splits and checks every entry of <paramref name="values"/>.</summary>
    public static PeerList Parse(IEnumerable<string?> values)
    {
        if (values is null) throw new ArgumentNullException(nameof(values));
        var addresses = new List<IPAddress>();
        var invalid = new List<string>();
        foreach (var entry in values.SelectMany(v => (v ?? string.Empty).Split(Separators, StringSplitOptions.RemoveEmptyEntries)))
        {
            if (!AddressSyntax.TryParseIPv4(entry, out var address)) invalid.Add(entry);
            else if (!addresses.Contains(address)) addresses.Add(address);
        }
        return new PeerList(addresses, invalid);
    }

    /// <summary>Splits and checks one list.</summary>
    public static PeerList Parse(string? value) => Parse(new[] { value });
}
