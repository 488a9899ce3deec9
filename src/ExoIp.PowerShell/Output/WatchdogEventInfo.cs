using System;
using System.Globalization;
using System.Net;
using ExoIp.Election;
using ExoIp.Watchdog;

namespace ExoIp.PowerShell.Output;

/// <summary>
/// Something that happened in a watchdog, as Start-ExoIpWatchdog and Receive-Job emit it: read-only, with the
/// module's one type per concept (addresses as IPAddress, instance ids as strings). <see cref="Outcome"/> says
/// how an API action or the stop ended, so a table can show it apart from the message.
/// </summary>
public sealed class WatchdogEventInfo
{
    internal WatchdogEventInfo(WatchdogEvent source, WatchdogStopOutcome? stopOutcome)
    {
        Time = source.Timestamp;
        Watchdog = source.Watchdog;
        Kind = source.Kind;
        Level = source.Level.ToString();
        Message = source.Message;
        Role = source.Role;
        Reason = source.Reason;
        PeerAddress = source.PeerAddress;
        InstanceId = source.InstanceId;
        Action = source.Action;
        Outcome = stopOutcome?.ToString() ?? source.Outcome?.ToString() ?? source.NotifyOutcome?.ToString();
        Duration = source.Duration;
        Error = source.Error;
        HoldsElasticIp = source.HoldsElasticIp;
        AnnouncedRole = source.AnnouncedRole;
        Hook = source.Hook;
        ExitCode = source.ExitCode;
    }

    /// <summary>When it happened.</summary>
    public DateTimeOffset Time { get; }

    /// <summary>The watchdog's name.</summary>
    public string Watchdog { get; }

    /// <summary>What happened: Started, Stopped, StateChanged, PeerUp, PeerDown, PeerJoined, PeerLeft, ApiAction, Warning, HealthChanged, Notified, MasterChanged.</summary>
    public WatchdogEventKind Kind { get; }

    /// <summary>
    /// How loudly it is said: Information, Warning (a Fault, a peer down, a failure, a hook that failed: what to look at)
    /// or Error (the watchdog failed). Each happening is one event, written once: not repeated in the Warning stream.
    /// </summary>
    public string Level { get; }

    /// <summary>A sentence saying what and why.</summary>
    public string Message { get; }

    /// <summary>StateChanged: the new role.</summary>
    public NodeRole? Role { get; }

    /// <summary>StateChanged: why.</summary>
    public ElectionReason? Reason { get; }

    /// <summary>Peer events: the peer's address.</summary>
    public IPAddress? PeerAddress { get; }

    /// <summary>Peer and API events: the instance concerned.</summary>
    public string? InstanceId { get; }

    /// <summary>ApiAction: Attach, Detach or Check.</summary>
    public ApiActionKind? Action { get; }

    /// <summary>ApiAction: Done, NoOp or Failed. Stopped: Released, Kept, TimedOut or Failed. Notified: Succeeded, Failed, TimedOut or Skipped.</summary>
    public string? Outcome { get; }

    /// <summary>ApiAction, Notified: how long it took.</summary>
    public TimeSpan? Duration { get; }

    /// <summary>A failed ApiAction, a Warning, a failed stop, a notify hook that did not succeed: the error message.</summary>
    public string? Error { get; }

    /// <summary>
    /// Stopped: whether this node held the Elastic IP when it stopped, as the API last said (null: not known).
    /// ApiAction that succeeded: whether the instance acted on holds it now.
    /// </summary>
    public bool? HoldsElasticIp { get; }

    /// <summary>Notified: the role the hook was told about (Master, Backup, Fault or Stopped).</summary>
    public string? AnnouncedRole { get; }

    /// <summary>Notified: which hook ran (the command line, or the ScriptBlock's text in braces).</summary>
    public string? Hook { get; }

    /// <summary>Notified: the command's exit code, when it exited by itself.</summary>
    public int? ExitCode { get; }

    /// <summary>One line: "&lt;ISO time&gt; [&lt;watchdog&gt;] &lt;Kind&gt;: &lt;Message&gt;", as the exoip command prints it.</summary>
    public override string ToString() =>
        string.Format(CultureInfo.InvariantCulture, "{0:O} [{1}] {2}: {3}", Time, Watchdog, Kind, Message);
}
