using System;
using System.Collections.Generic;

namespace ExoIp.Telemetry;

/// <summary>
/// Lets through at most one log line per key and window, and counts the ones held back, so a flood of bad
/// datagrams (or a peer that cannot be reached every interval) cannot fill a disk. Thread-safe.
/// </summary>
internal sealed class RateLimitedLog
{
    private readonly TimeSpan _window;
    private readonly Dictionary<string, (DateTimeOffset LastLogged, long Suppressed)> _keys = new();

    public RateLimitedLog(TimeSpan window)
    {
        _window = window;
    }

    /// <summary>
    /// True when a line for <paramref name="key"/> may be logged at <paramref name="now"/>;
    /// <paramref name="suppressed"/> is then how many were held back since the previous line.
    /// </summary>
    public bool TryAcquire(string key, DateTimeOffset now, out long suppressed)
    {
        lock (_keys)
        {
            if (_keys.TryGetValue(key, out var entry) && now - entry.LastLogged < _window)
            {
                _keys[key] = (entry.LastLogged, entry.Suppressed + 1);
                suppressed = 0;
                return false;
            }
            suppressed = entry.Suppressed;
            _keys[key] = (now, 0);
            return true;
        }
    }
}
