using System;

namespace ExoIp.Execution;

/// <summary>
/// One kind of API work (resolving the Elastic IP, listing peers, acting on this node, acting on a peer):
/// at most one call of a kind is in flight, so a slow API cannot pile calls up, and a failed one is tried
/// again after a delay that doubles, so it is never forgotten nor hammered. Owned by the loop.
/// </summary>
internal sealed class ApiSlot
{
    private readonly TimeSpan _firstDelay;
    private readonly TimeSpan _maxDelay;

    public ApiSlot(TimeSpan firstDelay, TimeSpan maxDelay)
    {
        _firstDelay = firstDelay;
        _maxDelay = maxDelay;
    }

    /// <summary>The call of this kind that is running; null when none is.</summary>
    public ApiCommand? Running { get; set; }

    /// <summary>A call of this kind is running.</summary>
    public bool InFlight => Running is not null;

    /// <summary>Consecutive failures; the next call is a retry when positive.</summary>
    public int Failures { get; private set; }

    /// <summary>Not before this time (a retry's backoff).</summary>
    public DateTimeOffset NextAttemptAt { get; private set; }

    // When the last call failed; meaningful while Failures > 0.
    private DateTimeOffset _failedAt;

    /// <summary>True when a new call may start.</summary>
    public bool IsReady(DateTimeOffset now) => !InFlight && now >= NextAttemptAt;

    /// <summary>The last call succeeded: the next may start at once.</summary>
    public void Succeeded()
    {
        Failures = 0;
        NextAttemptAt = DateTimeOffset.MinValue;
    }

    /// <summary>The last call failed: wait first delay × 2^(failures − 1), at most the maximum delay.</summary>
    /// <returns>The delay before the next try.</returns>
    public TimeSpan Failed(DateTimeOffset now)
    {
        Failures++;
        _failedAt = now;
        var delay = Backoff(_firstDelay, _maxDelay, Failures - 1);
        NextAttemptAt = now + delay;
        return delay;
    }

    /// <summary>After a failure, the next try comes <paramref name="within"/> after it at the latest, whatever the backoff.</summary>
    public void RetryWithin(TimeSpan within)
    {
        if (Failures > 0 && NextAttemptAt > _failedAt + within) NextAttemptAt = _failedAt + within;
    }

    /// <summary>Forgets the backoff: new goals (a new role) should not wait out an old failure.</summary>
    public void Reset() => NextAttemptAt = DateTimeOffset.MinValue;

    /// <summary>first × 2^doublings, capped at max (without overflowing).</summary>
    public static TimeSpan Backoff(TimeSpan first, TimeSpan max, int doublings)
    {
        var delay = first;
        for (var i = 0; i < doublings && delay < max; i++) delay += delay;
        return delay < max ? delay : max;
    }
}
