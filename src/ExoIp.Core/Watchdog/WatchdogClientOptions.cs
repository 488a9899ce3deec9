using System;
using ExoIp.Exoscale;

namespace ExoIp.Watchdog;

/// <summary>
/// The API client settings a watchdog needs. The watchdog cancels any call that outlasts
/// <see cref="WatchdogOptions.ApiTimeout"/>; the client's defaults (4 retries, 10 s per request, a 2 min wait for
/// an operation) can take much longer, so the watchdog would cut the client's own retries short and report a
/// bare "no answer" instead of the client's error. A watchdog retries failed calls itself, with its own backoff,
/// so its client needs only a quick retry of its own.
/// </summary>
public static class WatchdogClientOptions
{
    /// <summary>The retries a watchdog's client makes of one request: one (then the watchdog retries the call).</summary>
    public const int MaxRetries = 1;

    // The client refuses a shorter request timeout, and delays of zero.
    private static readonly TimeSpan MinimumRequestTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MinimumDelay = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// Lowers the client's retries and timeouts where needed, so that one call, its own retries included, ends
    /// within <paramref name="watchdog"/>'s <see cref="WatchdogOptions.ApiTimeout"/>. Settings already shorter are
    /// kept; credentials, endpoint, clock and logger are not touched. For the default 30 s: 1 retry, 1.8 s per
    /// request, at most 0.9 s between tries, 9 s for an operation.
    /// </summary>
    /// <remarks>
    /// With at most one retry, request timeout T, retry delay D and operation timeout O, a read takes at most
    /// R = 2T + D (two attempts, one wait). An attach or detach checks the instance (R), sends the change once (T)
    /// and polls its operation (O, plus the last poll, R); when the change fails for a reason worth retrying it is
    /// tried once more after D: at most (R + T + D) + (R + T + O + R) = 8T + 4D + O. The budget is nine tenths of
    /// the API timeout (the rest for connecting, signing and a busy host), shared as T = 1/15, D = 1/30, O = 1/3.
    /// Below an API timeout of about 170 ms the client's minimum request timeout (10 ms) no longer fits; the
    /// options stay valid.
    /// </remarks>
    /// <returns><paramref name="client"/>, for chaining.</returns>
    public static ExoscaleClientOptions ConfigureFor(this ExoscaleClientOptions client, WatchdogOptions watchdog)
    {
        if (client is null) throw new ArgumentNullException(nameof(client));
        if (watchdog is null) throw new ArgumentNullException(nameof(watchdog));
        var budget = TimeSpan.FromTicks(watchdog.ApiTimeout.Ticks / 10 * 9);
        client.MaxRetries = Math.Min(client.MaxRetries, MaxRetries);
        client.RequestTimeout = Max(Min(client.RequestTimeout, Share(budget, 15)), MinimumRequestTimeout);
        client.RetryMaxDelay = Max(Min(client.RetryMaxDelay, Share(budget, 30)), MinimumDelay);
        client.RetryBaseDelay = Min(client.RetryBaseDelay, client.RetryMaxDelay);
        client.OperationTimeout = Max(Min(client.OperationTimeout, Share(budget, 3)), MinimumDelay);
        return client;
    }

    private static TimeSpan Share(TimeSpan budget, int parts) => TimeSpan.FromTicks(budget.Ticks / parts);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
