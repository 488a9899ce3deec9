using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace ExoIp.Tests;

/// <summary>
/// The one real-time polling loop of the tests: waits for a condition with a generous bound (the machine is
/// loaded; never a timed assertion) and fails with what it saw.
/// </summary>
internal static class Eventually
{
    /// <summary>
    /// Polls <paramref name="condition"/> until it holds: a few yields first (cheap when it is about to hold), then
    /// short sleeps. <paramref name="beforeEachRetry"/> runs before each new look (e.g. moving a fake clock on).
    /// </summary>
    /// <returns>How long it took (an observation, never to be asserted).</returns>
    public static async Task<TimeSpan> HoldsAsync(Func<bool> condition, TimeSpan deadline, string what, Func<string>? seen = null, Action? beforeEachRetry = null)
    {
        var clock = Stopwatch.StartNew();
        for (var tries = 0; !condition(); tries++)
        {
            if (clock.Elapsed > deadline) Assert.Fail($"Not reached within {deadline}: {what}.{(seen is null ? "" : " Seen: " + seen())}");
            beforeEachRetry?.Invoke();
            if (tries < 50) await Task.Yield();
            else await Task.Delay(tries < 200 ? 1 : 10);
        }
        return clock.Elapsed;
    }
}
