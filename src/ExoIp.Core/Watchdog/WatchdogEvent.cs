using System;
using System.Net;
using ExoIp.Election;
using Microsoft.Extensions.Logging;

namespace ExoIp.Watchdog;

/// <summary>
/// Something that happened in a watchdog, and why: one event per happening, from which every host derives its one line
/// (the engine's log, exoip's output, a job's streams). One shape for every <see cref="Kind"/> so a host can list
/// them in one table; the fields a kind does not use are null. <see cref="Message"/> always reads on its own.
/// </summary>
public sealed record WatchdogEvent
{
    /// <summary>When it happened.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The watchdog's name (<see cref="WatchdogOptions.EffectiveName"/>).</summary>
    public required string Watchdog { get; init; }

    /// <summary>What happened.</summary>
    public required WatchdogEventKind Kind { get; init; }

    /// <summary>A readable sentence saying what and why.</summary>
    public required string Message { get; init; }

    /// <summary>
    /// How loudly to say it: Warning and above for what someone should look at (a Fault, a peer down, a failure), Debug for
    /// the routine details of a <see cref="WatchdogEventKind.Detail"/> (a reconciliation's checks).
    /// </summary>
    public LogLevel Level { get; init; } = LogLevel.Information;

    /// <summary>StateChanged: the new role.</summary>
    public NodeRole? Role { get; init; }

    /// <summary>StateChanged: why.</summary>
    public ElectionReason? Reason { get; init; }

    /// <summary>Peer events: the peer's address.</summary>
    public IPAddress? PeerAddress { get; init; }

    /// <summary>Peer and API events: the instance concerned.</summary>
    public string? InstanceId { get; init; }

    /// <summary>ApiAction: what was done.</summary>
    public ApiActionKind? Action { get; init; }

    /// <summary>ApiAction: how it ended.</summary>
    public ApiActionOutcome? Outcome { get; init; }

    /// <summary>ApiAction, Notified: how long it took.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>ApiAction that failed, Warning, Notified when the hook did not succeed: the error message.</summary>
    public string? Error { get; init; }

    /// <summary>
    /// Stopped: whether this node held the Elastic IP when it stopped, as the API last said (null: not known).
    /// ApiAction that succeeded: whether the instance acted on (<see cref="InstanceId"/>) holds it now.
    /// </summary>
    public bool? HoldsElasticIp { get; init; }

    /// <summary>HealthChanged: the new verdict.</summary>
    public ExoIp.Health.HealthStatus? Health { get; init; }

    /// <summary>Notified: the role the hook was told about (Master, Backup, Fault or Stopped).</summary>
    public string? AnnouncedRole { get; init; }

    /// <summary>Notified: which hook ran (a command line, or a ScriptBlock's text in braces).</summary>
    public string? Hook { get; init; }

    /// <summary>Notified: how the hook's run ended.</summary>
    public ExoIp.Notify.NotifyOutcome? NotifyOutcome { get; init; }

    /// <summary>Notified: a command's exit code, when it exited by itself.</summary>
    public int? ExitCode { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Timestamp:O} [{Watchdog}] {Kind}: {Message}";
}
