using ExoIp.Watchdog;

namespace ExoIp.CommandLine;

/// <summary>
/// An event as <c>exoip -W</c> prints it, after the timestamp: <c>[name] Kind: message</c>, the same from either
/// host, so a log reader (or a test) reads native and PowerShell nodes alike.
/// </summary>
public static class EventLine
{
    /// <summary>The line of <paramref name="watchdogEvent"/>, without its timestamp.</summary>
    public static string Of(WatchdogEvent watchdogEvent) => Of(watchdogEvent.Watchdog, watchdogEvent.Kind, watchdogEvent.Message);

    /// <summary>
    /// The line of an event given by its parts (the PowerShell route has the cmdlet's output object); a detail's names no
    /// kind, as the verbose line it is written in (exoip -v, the Verbose stream) says enough.
    /// </summary>
    public static string Of(string watchdog, WatchdogEventKind kind, string message) =>
        kind == WatchdogEventKind.Detail ? $"[{watchdog}] {message}" : $"[{watchdog}] {kind}: {message}";

    /// <summary>True for a line written as a warning (or worse): a Warning event, a Fault, a peer down, a failure.</summary>
    public static bool IsWarning(WatchdogEvent watchdogEvent) => watchdogEvent.Level >= Microsoft.Extensions.Logging.LogLevel.Warning;

    /// <summary>True for a detail only a verbose view shows (<see cref="WatchdogEventKind.Detail"/>).</summary>
    public static bool IsVerbose(WatchdogEvent watchdogEvent) => watchdogEvent.Kind == WatchdogEventKind.Detail;
}
