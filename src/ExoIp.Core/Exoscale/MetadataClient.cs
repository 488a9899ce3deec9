using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using RestSharp;

namespace ExoIp.Exoscale;

/// <summary>
/// Reads the instance's own facts from the Exoscale metadata service (plain HTTP, link-local, unauthenticated),
/// else, for the instance id and zone, from the <c>cidata</c> CD-ROM (private instances have no HTTP service).
/// Off Exoscale nothing answers there, so the timeout is short and every failure is a
/// <see cref="MetadataUnavailableException"/>.
/// </summary>
public sealed class MetadataClient : IDisposable
{
    /// <summary>Where Exoscale instances find their metadata.</summary>
    public static readonly Uri DefaultBaseUrl = new("http://169.254.169.254/latest/meta-data/");

    /// <summary>How long one read may take by default: the service is on the local link, or absent.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);


    private readonly RestClient _rest;
    // Set once the HTTP service failed while the disc answered: the next reads go to the disc at once.
    private volatile bool _useCdRom;

    /// <summary>Creates the client.</summary>
    /// <param name="baseUrl">The metadata base URL (default <see cref="DefaultBaseUrl"/>); a missing trailing slash is added.</param>
    /// <param name="timeout">How long one read may take (default <see cref="DefaultTimeout"/>).</param>
    /// <param name="cdRom">The cidata CD-ROM: its device or image, where it is mounted, or its meta-data file (default <see cref="CidataCdRom.DefaultPath"/>).</param>
    public MetadataClient(Uri? baseUrl = null, TimeSpan? timeout = null, string? cdRom = null)
    {
        CdRom = new CidataCdRom(cdRom);
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

    /// <summary>The cidata CD-ROM read when the HTTP service does not answer.</summary>
    public CidataCdRom CdRom { get; }

    /// <summary>The instance's id (a UUID, lowercase as the API spells it).</summary>
    public async Task<string> GetInstanceIdAsync(CancellationToken cancellationToken = default)
    {
        var (url, text) = await ReadOrCdRomAsync("instance-id", cancellationToken).ConfigureAwait(false);
        if (!Guid.TryParseExact(text, "D", out var id))
            throw new MetadataUnavailableException(url, $"'{Shorten(text)}' is not an instance id (a UUID)");
        return id.ToString("D");
    }

    /// <summary>The instance's zone, e.g. ch-gva-2.</summary>
    public async Task<string> GetZoneAsync(CancellationToken cancellationToken = default)
    {
        var (url, text) = await ReadOrCdRomAsync("availability-zone", cancellationToken).ConfigureAwait(false);
        if (!ZoneName.IsValid(text))
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

    private async Task<(Uri Url, string Text)> ReadOrCdRomAsync(string name, CancellationToken cancellationToken)
    {
        if (!_useCdRom)
        {
            try
            {
                return await ReadAsync(name, cancellationToken).ConfigureAwait(false);
            }
            catch (MetadataUnavailableException unavailable) when (CdRom.IsPresent)
            {
                if (FromCdRom(name) is not { } found)
                    throw new MetadataUnavailableException(unavailable.Url, $"{unavailable.Reason}; {CdRom.Path} has no {name}", unavailable);
                _useCdRom = true;
                return found;
            }
        }
        return FromCdRom(name)
            ?? throw new MetadataUnavailableException(new Uri(CdRom.Path), $"{CdRom.Path} has no {name}");
    }

    private (Uri Url, string Text)? FromCdRom(string name)
    {
        string? text;
        try
        {
            text = CdRom.Read(name);
        }
        catch (Exception e) when (e is System.IO.IOException or System.IO.InvalidDataException or UnauthorizedAccessException)
        {
            throw new MetadataUnavailableException(new Uri(CdRom.Path), "the cidata CD-ROM cannot be read: " + e.Message, e);
        }
        return string.IsNullOrEmpty(text) ? null : (new Uri(CdRom.Path), text!);
    }

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
