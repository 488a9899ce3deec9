using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace ExoIp.Health;

/// <summary>
/// <c>http://…</c> or <c>https://…</c>: healthy on a 2xx or 3xx answer. A redirect is not followed (the
/// service answered); no proxy is used (the check is of this host's service); each check opens a new
/// connection, so a service that stopped accepting is not hidden by a pooled one.
/// </summary>
public sealed class HttpHealthCheck : IHealthCheck, IDisposable
{
    private readonly HttpClient _client;

    /// <summary>A check of <paramref name="uri"/>.</summary>
    /// <param name="uri">An absolute http or https URI.</param>
    /// <param name="skipCertificateCheck">Accept any server certificate (a self-signed local endpoint).</param>
    public HttpHealthCheck(Uri uri, bool skipCertificateCheck = false)
    {
        if (uri is null) throw new ArgumentNullException(nameof(uri));
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"'{uri}' is not an absolute http:// or https:// URI.", nameof(uri));
        Uri = uri;
        SkipCertificateCheck = skipCertificateCheck;
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseProxy = false, UseCookies = false };
        if (skipCertificateCheck) handler.ServerCertificateCustomValidationCallback = (_, _, _, _) => true;
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>What is requested.</summary>
    public Uri Uri { get; }

    /// <summary>Whether any certificate is accepted.</summary>
    public bool SkipCertificateCheck { get; }

    /// <inheritdoc />
    public string Description => Uri.OriginalString;

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Uri);
        request.Headers.ConnectionClose = true;
        request.Headers.UserAgent.ParseAdd("ExoIp-HealthCheck");
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            var status = $"HTTP {code} {response.ReasonPhrase}".TrimEnd();
            return code is >= 200 and < 400 ? HealthCheckResult.Pass(status) : HealthCheckResult.Fail(status);
        }
        catch (HttpRequestException e)
        {
            return HealthCheckResult.Fail(e.GetBaseException().Message);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();
}
