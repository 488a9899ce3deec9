using System;
using System.Globalization;

namespace ExoIp.Systemd;

/// <summary>
/// systemd's watchdog period for this process: <c>$WATCHDOG_USEC</c>, when <c>$WATCHDOG_PID</c> is unset or names
/// this process (as sd_watchdog_enabled reads them). The service pings at half the period.
/// </summary>
public static class SystemdWatchdogPeriod
{
    /// <summary>The period, or null when systemd watches no watchdog of this process.</summary>
    public static TimeSpan? FromEnvironment(Func<string, string?> environment, int processId)
    {
        if (!ulong.TryParse(environment("WATCHDOG_USEC"), NumberStyles.None, CultureInfo.InvariantCulture, out var microseconds) || microseconds == 0)
            return null;
        var pid = environment("WATCHDOG_PID");
        if (!string.IsNullOrEmpty(pid) && pid != processId.ToString(CultureInfo.InvariantCulture)) return null;
        return TimeSpan.FromTicks((long)Math.Min(microseconds * 10, long.MaxValue / 2));
    }
}
