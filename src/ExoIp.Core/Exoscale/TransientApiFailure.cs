using System;

namespace ExoIp.Exoscale;

/// <summary>
/// One attempt failed in a way worth retrying: no answer, 429, or a 5xx other than 501. It stays inside the
/// client: when the retries run out it becomes an <see cref="ExoscaleUnavailableException"/>.
/// </summary>
internal sealed class TransientApiFailure : Exception
{
    public TransientApiFailure(string message, int? statusCode, TimeSpan? retryAfter, Exception? inner = null)
        : base(message, inner)
    {
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    /// <summary>The status the API answered; null when it did not answer.</summary>
    public int? StatusCode { get; }

    /// <summary>The wait the API asked for with Retry-After, if any.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>True for the statuses Exoscale's own clients retry: 429 and every 5xx but 501 (not implemented).</summary>
    public static bool IsTransientStatus(int status) => status == 429 || (status >= 500 && status <= 599 && status != 501);
}
