using System;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExoIp.Exoscale;

/// <summary>Settings of an <see cref="ExoscaleClient"/>: where, who, and how patiently.</summary>
public sealed class ExoscaleClientOptions
{

    // The range Polly's timeout strategy accepts.
    private static readonly TimeSpan MinRequestTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxRequestTimeout = TimeSpan.FromDays(1);

    /// <summary>The API key and secret that sign every request.</summary>
    public ApiCredentials Credentials { get; set; } = null!;

    /// <summary>The full base URL of the zone's API, <c>/v2</c> included, e.g. https://api-ch-gva-2.exoscale.com/v2.</summary>
    public Uri Endpoint { get; set; } = null!;

    /// <summary>How long one HTTP attempt may take before it is abandoned (and retried). Default 10 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many times a transient failure is retried (so at most MaxRetries + 1 attempts). Default 4.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>The first retry's backoff; each further retry doubles it (with jitter). Default 1 s.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait before a retry, Retry-After included. Default 30 s.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The first wait before polling an operation; failover time depends on it. Default 100 ms.</summary>
    public TimeSpan OperationPollInitial { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between two polls of an operation. Default 2 s.</summary>
    public TimeSpan OperationPollMax { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long an operation may stay pending before the wait gives up. Default 2 min.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The clock for signatures, timeouts, backoff and polling. Default the system clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where requests, retries and actions are logged. Default none.</summary>
    public ILogger Logger { get; set; } = NullLogger.Instance;

    /// <summary>The API endpoint of a zone: https://api-{zone}.exoscale.com/v2.</summary>
    /// <exception cref="ArgumentException">The zone name is not lowercase letters, digits and dashes.</exception>
    public static Uri EndpointForZone(string zone)
    {
        if (zone is null || !ZoneName.IsValid(zone))
            throw new ArgumentException(
                $"'{zone}' is not a zone name: expected lowercase letters, digits and dashes, e.g. ch-gva-2.", nameof(zone));
        return new Uri($"https://api-{zone}.exoscale.com/v2");
    }

    /// <summary>Checks every setting; the client calls this before using the options.</summary>
    /// <exception cref="ArgumentException">A setting is missing or out of range; the message says which and why.</exception>
    public void Validate()
    {
        if (Credentials is null) throw new ArgumentException("Credentials are required.", nameof(Credentials));
        if (Endpoint is null) throw new ArgumentException("Endpoint is required, e.g. https://api-ch-gva-2.exoscale.com/v2.", nameof(Endpoint));
        if (!Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttps && Endpoint.Scheme != Uri.UriSchemeHttp))
            throw new ArgumentException($"Endpoint '{Endpoint}' is not an absolute http(s) URL.", nameof(Endpoint));
        if (Endpoint.Scheme != Uri.UriSchemeHttps && !IsLoopback(Endpoint))
            throw new ArgumentException(
                $"Endpoint '{Endpoint}' must use HTTPS: signed requests go over plain HTTP only to a loopback address (127.0.0.0/8, ::1, localhost).",
                nameof(Endpoint));
        if (!string.IsNullOrEmpty(Endpoint.Query) || !string.IsNullOrEmpty(Endpoint.Fragment))
            throw new ArgumentException($"Endpoint '{Endpoint}' must not have a query or fragment.", nameof(Endpoint));
        if (RequestTimeout < MinRequestTimeout || RequestTimeout > MaxRequestTimeout)
            throw new ArgumentException(
                $"RequestTimeout is {Format(RequestTimeout)}; it must be between {Format(MinRequestTimeout)} and {Format(MaxRequestTimeout)}.",
                nameof(RequestTimeout));
        if (MaxRetries < 0) throw new ArgumentException($"MaxRetries is {MaxRetries}; it must be 0 or more.", nameof(MaxRetries));
        RequirePositive(RetryBaseDelay, nameof(RetryBaseDelay));
        RequireOrdered(RetryBaseDelay, nameof(RetryBaseDelay), RetryMaxDelay, nameof(RetryMaxDelay));
        RequirePositive(OperationPollInitial, nameof(OperationPollInitial));
        RequireOrdered(OperationPollInitial, nameof(OperationPollInitial), OperationPollMax, nameof(OperationPollMax));
        RequirePositive(OperationTimeout, nameof(OperationTimeout));
        if (TimeProvider is null) throw new ArgumentException("TimeProvider is required.", nameof(TimeProvider));
        if (Logger is null) throw new ArgumentException("Logger is required (use NullLogger.Instance for none).", nameof(Logger));
    }

    internal ExoscaleClientOptions Clone() => (ExoscaleClientOptions)MemberwiseClone();

    /// <summary>Names the API's zone for messages: "zone ch-gva-2" for Exoscale's hosts, else the endpoint URL.</summary>
    internal string Location
    {
        get
        {
            var zone = ZoneName.OfApiHost(Endpoint.Host);
            return zone is not null ? "zone " + zone : "the API at " + Endpoint;
        }
    }

    internal static bool IsLoopback(Uri uri) =>
        string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase) ||
        (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
            throw new ArgumentException($"{name} is {Format(value)}; it must be more than zero.", name);
    }

    private static void RequireOrdered(TimeSpan low, string lowName, TimeSpan high, string highName)
    {
        if (high < low)
            throw new ArgumentException($"{highName} ({Format(high)}) must not be less than {lowName} ({Format(low)}).", highName);
    }

    private static string Format(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
