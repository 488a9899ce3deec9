using System;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using RestSharp;

namespace ExoIp.Exoscale;

/// <summary>
/// Reads the instance's own facts from the Exoscale metadata service (plain HTTP, link-local, unauthenticated).
/// Off Exoscale nothing answers there, so the timeout is short and every failure is a
/// <see cref="MetadataUnavailableException"/>.
/// </summary>
public sealed class MetadataClient : IDisposable
{
    /// <summary>Where Exoscale instances find their metadata.</summary>
    public static readonly Uri DefaultBaseUrl = new("http://169.254.169.254/latest/meta-data/");

    /// <summary>How long one read may take by default: the service is on the local link, or absent.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);

    private static readonly Regex ZoneName = new("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant);

    private readonly RestClient _rest;

    /// <summary>Creates the client.</summary>
    /// <param name="baseUrl">The metadata base URL (default <see cref="DefaultBaseUrl"/>); a missing trailing slash is added.</param>
    /// <param name="timeout">How long one read may take (default <see cref="DefaultTimeout"/>).</param>
    public MetadataClient(Uri? baseUrl = null, TimeSpan? timeout = null)
    {
        baseUrl ??= DefaultBaseUrl;
        if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"'{baseUrl}' is not an absolute http(s) URL.", nameof(baseUrl));
        if (timeout is { } t && t <= TimeSpan.Zero)
            throw new ArgumentException("The timeout must be more than zero.", nameof(timeout));
        // Relative names resolve below the base only when it ends in '/'.
        BaseUrl = baseUrl.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        Timeout = timeout ?? DefaultTimeout;
        _rest = new RestClient(new RestClientOptions(BaseUrl) { Timeout = Timeout, FollowRedirects = false });
    }

    /// <summary>The metadata base URL, ending in '/'.</summary>
    public Uri BaseUrl { get; }

    /// <summary>How long one read may take.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The instance's id (a UUID, lowercase as the API spells it).</summary>
    public async Task<string> GetInstanceIdAsync(CancellationToken cancellationToken = default)
    {
        var (url, text) = await ReadAsync("instance-id", cancellationToken).ConfigureAwait(false);
        if (!Guid.TryParseExact(text, "D", out var id))
            throw new MetadataUnavailableException(url, $"'{Shorten(text)}' is not an instance id (a UUID)");
        return id.ToString("D");
    }

    /// <summary>The instance's zone, e.g. ch-gva-2.</summary>
    public async Task<string> GetZoneAsync(CancellationToken cancellationToken = default)
    {
        var (url, text) = await ReadAsync("availability-zone", cancellationToken).ConfigureAwait(false);
        if (!ZoneName.IsMatch(text))
            throw new MetadataUnavailableException(url, $"'{Shorten(text)}' is not a zone name");
        return text;
    }

    /// <summary>The instance's public IPv4 address.</summary>
    public async Task<IPAddress> GetPublicIPv4Async(CancellationToken cancellationToken = default)
    {
        var (url, text) = await ReadAsync("public-ipv4", cancellationToken).ConfigureAwait(false);
        if (!IPAddress.TryParse(text, out var address) || address.AddressFamily != AddressFamily.InterNetwork || text.Split('.').Length != 4)
            throw new MetadataUnavailableException(url, $"'{Shorten(text)}' is not an IPv4 address");
        return address;
    }

    /// <summary>Releases the HTTP connections.</summary>
    public void Dispose() => _rest.Dispose();

    private async Task<(Uri Url, string Text)> ReadAsync(string name, CancellationToken cancellationToken)
    {
        var request = new RestRequest(name);
        var url = _rest.BuildUri(request);
        var response = await _rest.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (response.ResponseStatus == ResponseStatus.TimedOut)
            throw new MetadataUnavailableException(url, $"no answer within {DurationText.Of(Timeout)}", response.ErrorException);
        if (response.StatusCode == 0)
            throw new MetadataUnavailableException(url, "no answer: " + (response.ErrorMessage ?? response.ResponseStatus.ToString()), response.ErrorException);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new MetadataUnavailableException(url, $"it answered {(int)response.StatusCode} {response.StatusDescription}".TrimEnd());
        if (response.ResponseStatus != ResponseStatus.Completed)
            throw new MetadataUnavailableException(url, "the answer broke off: " + response.ErrorMessage, response.ErrorException);
        var text = response.Content?.Trim() ?? string.Empty;
        if (text.Length == 0) throw new MetadataUnavailableException(url, "it answered nothing");
        return (url, text);
    }

    // Whatever answered may not be a metadata service: quote only the start of it.
    private static string Shorten(string text) => text.Length <= 60 ? text : text.Substring(0, 60) + "…";
}
