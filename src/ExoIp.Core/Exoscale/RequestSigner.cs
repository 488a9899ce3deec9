using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace ExoIp.Exoscale;

/// <summary>
/// Exoscale API v2 request signing, EXO2-HMAC-SHA256: an HMAC over the method and path, the body, the
/// query values sorted by name, the (empty) signed headers and the expiry.
/// </summary>
public static class RequestSigner
{
    /// <summary>The scheme name that starts the Authorization header.</summary>
    public const string Scheme = "EXO2-HMAC-SHA256";

    /// <summary>How long a signature stays valid; Exoscale's own clients use 10 minutes.</summary>
    public static readonly TimeSpan DefaultValidity = TimeSpan.FromMinutes(10);

    /// <summary>Builds the Authorization header value for one request.</summary>
    /// <param name="credentials">Key and secret.</param>
    /// <param name="method">HTTP method, e.g. GET.</param>
    /// <param name="path">The path as sent on the wire, <c>/v2</c> included.</param>
    /// <param name="query">Query parameters (decoded values); none may repeat.</param>
    /// <param name="body">The body exactly as sent, or null.</param>
    /// <param name="expires">When the signature expires.</param>
    public static string CreateAuthorization(
        ApiCredentials credentials, string method, string path,
        IEnumerable<KeyValuePair<string, string>>? query, string? body, DateTimeOffset expires)
    {
        if (credentials is null) throw new ArgumentNullException(nameof(credentials));
        var sorted = SortQuery(query);
        var expiresText = expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = ComputeSignature(credentials.Secret, method, path, sorted, body, expiresText);

        var header = new StringBuilder(Scheme).Append(" credential=").Append(credentials.Key);
        if (sorted.Count > 0) header.Append(",signed-query-args=").Append(string.Join(";", sorted.Select(p => p.Key)));
        return header.Append(",expires=").Append(expiresText).Append(",signature=").Append(signature).ToString();
    }

    /// <summary>Computes the Base64 signature of one request (what the server recomputes to verify).</summary>
    public static string ComputeSignature(
        string secret, string method, string path,
        IReadOnlyList<KeyValuePair<string, string>> sortedQuery, string? body, string expires)
    {
        var message = string.Join("\n",
            method.ToUpperInvariant() + " " + path,
            body ?? string.Empty,
            string.Concat(sortedQuery.Select(p => p.Value)),
            string.Empty,
            expires);
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(message)));
    }

    /// <summary>Sorts query parameters by name (ordinal), the order the signature uses.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> SortQuery(IEnumerable<KeyValuePair<string, string>>? query) =>
        (query ?? Enumerable.Empty<KeyValuePair<string, string>>()).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
}
