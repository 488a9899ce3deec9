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
    /// Lowers the client's retries and timeouts where needed so that a call, its own retry included, ends about
    /// within <paramref name="watchdog"/>'s <see cref="WatchdogOptions.ApiTimeout"/>. Settings already shorter are
    /// kept; credentials, endpoint, clock and logger are not touched. For the default 30 s: 1 retry, 9 s per
    /// request, at most 0.9 s between tries, 18 s for an operation.
    /// </summary>
    /// <remarks>
    /// The budget is nine tenths of the API timeout. A request may take a third of it: a slow API is not a dead
    /// one, and a request timeout below the API's usual latency would fail every call (a 2 s API must work).
    /// An operation may take two thirds. A call that retries and then waits for a slow operation can still
    /// outlast the API timeout; the watchdog then cancels it and tries again later, which is safe because
    /// every call checks before it acts.
    /// </remarks>
    /// <returns><paramref name="client"/>, for chaining.</returns>
    public static ExoscaleClientOptions ConfigureFor(this ExoscaleClientOptions client, WatchdogOptions watchdog)
    {
        if (client is null) throw new ArgumentNullException(nameof(client));
        if (watchdog is null) throw new ArgumentNullException(nameof(watchdog));
        var budget = TimeSpan.FromTicks(watchdog.ApiTimeout.Ticks / 10 * 9);
        client.MaxRetries = Math.Min(client.MaxRetries, MaxRetries);
        client.RequestTimeout = Durations.Max(Durations.Min(client.RequestTimeout, Share(budget, 3)), MinimumRequestTimeout);
        client.RetryMaxDelay = Durations.Max(Durations.Min(client.RetryMaxDelay, Share(budget, 30)), MinimumDelay);
        client.RetryBaseDelay = Durations.Min(client.RetryBaseDelay, client.RetryMaxDelay);
        client.OperationTimeout = Durations.Max(Durations.Min(client.OperationTimeout, TimeSpan.FromTicks(budget.Ticks / 3 * 2)), MinimumDelay);
        return client;
    }

    private static TimeSpan Share(TimeSpan budget, int parts) => TimeSpan.FromTicks(budget.Ticks / parts);
}
