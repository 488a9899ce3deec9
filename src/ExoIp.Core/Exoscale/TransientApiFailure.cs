using System;

namespace ExoIp.Exoscale;

/// <summary>
/// One attempt failed in a way worth retrying: no answer, 429, or a 5xx other than 501. It stays inside the
/// client: when the retries run out it becomes an <see cref="ExoscaleUnavailableException"/>.
/// </summary>
internal sealed class TransientApiFailure : Exception
{
    /// <param name="subject">The request, e.g. <c>GET /v2/instance/…</c>.</param>
    /// <param name="problem">What went wrong, e.g. <c>answered 503 Service Unavailable</c>.</param>
    /// <param name="statusCode">The status the API answered, if it did.</param>
    /// <param name="retryAfter">The wait the API asked for, if any.</param>
    /// <param name="inner">The transport's exception, if any.</param>
    public TransientApiFailure(string subject, string problem, int? statusCode, TimeSpan? retryAfter, Exception? inner = null)
        : base(subject + " " + problem, inner)
    {
        Subject = subject;
        Problem = problem;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    /// <summary>The request that failed.</summary>
    public string Subject { get; }

    /// <summary>What went wrong, without the request.</summary>
    public string Problem { get; }

    /// <summary>The status the API answered; null when it did not answer.</summary>
    public int? StatusCode { get; }

    /// <summary>The wait the API asked for with Retry-After, if any.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>True for the statuses Exoscale's own clients retry: 429 and every 5xx but 501 (not implemented).</summary>
    public static bool IsTransientStatus(int status) => status == 429 || (status >= 500 && status <= 599 && status != 501);
}
