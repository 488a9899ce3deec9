using ExoIp.Watchdog;

namespace ExoIp.CommandLine;

/// <summary>
/// An event as <c>exoip -W</c> prints it, after the timestamp: <c>[name] Kind: message</c>, the same from either
/// host, so a log reader (or a test) reads native and PowerShell nodes alike.
/// </summary>
public static class EventLine
{
    /// <summary>The line of <paramref name="watchdogEvent"/>, without its timestamp.</summary>
    public static string Of(WatchdogEvent watchdogEvent) => $"[{watchdogEvent.Watchdog}] {watchdogEvent.Kind}: {watchdogEvent.Message}";
}
