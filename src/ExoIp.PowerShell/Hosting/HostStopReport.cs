using System;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using ExoIp.PowerShell.Output;

namespace ExoIp.PowerShell.Hosting;

/// <summary>
/// Shows a foreground watchdog's stop on the host after Ctrl+C: the pipeline is stopping and can no longer
/// be written to, but the user must still see the handover going on and how it ended (released, kept, timed
/// out) without asking the API. Writes go to the host's UI directly: a progress bar, the events, one last line.
/// </summary>
internal sealed class HostStopReport : IWatchdogSink
{
    private const int ProgressId = 0x5e1f;
    private readonly PSHostUserInterface? _ui;
    private readonly WatchdogSession _session;
    private readonly ProgressRecord _progress;

    public HostStopReport(PSHost? host, WatchdogSession session)
    {
        _ui = host?.UI;
        _session = session;
        _progress = new ProgressRecord(ProgressId, $"Stopping watchdog {session.Name}",
            $"Handing Elastic IP {session.Engine.Options.ElasticIp} over (at most {session.Engine.Options.EffectiveStopTimeout.TotalSeconds:0.#} s)");
    }

    /// <summary>Says the stop has begun.</summary>
    public void Begin()
    {
        Line($"Stopping watchdog {_session.Name}: releasing Elastic IP {_session.Engine.Options.ElasticIp} when master " +
             $"(at most {_session.Engine.Options.EffectiveStopTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s)...");
        Progress();
    }

    /// <summary>Says how it ended; <paramref name="inTime"/> false when the stop outlasted its timeout.</summary>
    public void End(bool inTime)
    {
        _progress.RecordType = ProgressRecordType.Completed;
        Progress();
        var outcome = inTime ? _session.StopOutcome ?? WatchdogStopOutcome.Unknown : WatchdogStopOutcome.TimedOut;
        var eip = _session.Engine.Options.ElasticIp;
        Line($"Watchdog {_session.Name} stopped: {outcome} - " + outcome switch
        {
            WatchdogStopOutcome.Released => $"this node does not hold Elastic IP {eip}.",
            WatchdogStopOutcome.Kept => $"this node keeps Elastic IP {eip}, as asked.",
            WatchdogStopOutcome.TimedOut => $"the stop timed out; Elastic IP {eip} may still be attached here.",
            WatchdogStopOutcome.Failed => "the watchdog had failed.",
            _ => $"the API never said whether this node holds Elastic IP {eip}.",
        });
    }

    /// <inheritdoc />
    public void WriteEvent(WatchdogEventInfo watchdogEvent)
    {
        Line(string.Format(CultureInfo.InvariantCulture, "{0:HH:mm:ss.fff} [{1}] {2}: {3}",
            watchdogEvent.Time.ToLocalTime(), watchdogEvent.Watchdog, watchdogEvent.Kind, watchdogEvent.Message));
        _progress.StatusDescription = watchdogEvent.Message;
        Progress();
    }

    /// <inheritdoc />
    public void WriteWarning(string message) => _ui?.WriteWarningLine(message);

    /// <inheritdoc />
    public void WriteVerbose(string message)
    {
        // Verbose detail of the stop is for the pipeline's Verbose stream, gone with the pipeline.
    }

    /// <inheritdoc />
    public void WriteDebug(string message)
    {
    }

    private void Line(string text) => _ui?.WriteLine(text);

    private void Progress() => _ui?.WriteProgress(ProgressId, _progress);
}
