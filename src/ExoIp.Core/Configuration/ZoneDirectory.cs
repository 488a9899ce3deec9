using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Exoscale;

namespace ExoIp.Configuration;

/// <summary>
/// The zones an API endpoint lists (<c>GET /zone</c>), each with its own <c>api-endpoint</c>, kept for the life of
/// the process: the list changes when Exoscale opens a zone, not between two calls of a script.
/// </summary>
public sealed class ZoneDirectory
{
    // The list answers at once or not at all: it only spares a user a wait, or finds the zone's endpoint.
    private static readonly TimeSpan ListTimeout = TimeSpan.FromSeconds(3);

    private readonly Func<ApiCredentials, Uri, CancellationToken, Task<IReadOnlyList<ApiZone>>> _list;
    private readonly ConcurrentDictionary<string, IReadOnlyList<ApiZone>> _lists = new(StringComparer.Ordinal);

    /// <summary>Creates a directory that lists zones with <paramref name="list"/> (a test lists them itself).</summary>
    public ZoneDirectory(Func<ApiCredentials, Uri, CancellationToken, Task<IReadOnlyList<ApiZone>>> list) =>
        _list = list ?? throw new ArgumentNullException(nameof(list));

    /// <summary>The process's directory, asking the API once per endpoint.</summary>
    public static ZoneDirectory Shared { get; } = new(ListWithClientAsync);

    /// <summary>The zones <paramref name="endpoint"/> lists; a failed listing is not kept, so the next call asks again.</summary>
    /// <exception cref="ExoscaleApiException">The endpoint did not answer with a list.</exception>
    public async Task<IReadOnlyList<ApiZone>> ListAsync(ApiCredentials credentials, Uri endpoint, CancellationToken cancellationToken)
    {
        var key = endpoint.AbsoluteUri.TrimEnd('/');
        if (_lists.TryGetValue(key, out var known)) return known;
        var listed = await _list(credentials, endpoint, cancellationToken).ConfigureAwait(false);
        return _lists.GetOrAdd(key, listed);
    }

    private static async Task<IReadOnlyList<ApiZone>> ListWithClientAsync(ApiCredentials credentials, Uri endpoint, CancellationToken cancellationToken)
    {
        using var client = new ExoscaleClient(new ExoscaleClientOptions
        {
            Credentials = credentials, Endpoint = endpoint, RequestTimeout = ListTimeout, MaxRetries = 0,
        });
        return await client.ListZonesAsync(cancellationToken).ConfigureAwait(false);
    }
}
