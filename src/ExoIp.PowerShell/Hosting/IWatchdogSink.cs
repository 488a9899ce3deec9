using ExoIp.PowerShell.Logging;
using ExoIp.PowerShell.Output;

namespace ExoIp.PowerShell.Hosting;

/// <summary>Where <see cref="WatchdogSession.PumpAsync"/> delivers a watchdog's events and log entries.</summary>
internal interface IWatchdogSink : IHostStreams
{
    /// <summary>Takes one event.</summary>
    void WriteEvent(WatchdogEventInfo watchdogEvent);
}
