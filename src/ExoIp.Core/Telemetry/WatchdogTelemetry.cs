using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Channels;
using ExoIp.Authentication;
using ExoIp.Election;
using ExoIp.Execution;
using ExoIp.Exoscale;
using ExoIp.Health;
using ExoIp.Notify;
using ExoIp.Peers;
using ExoIp.Watchdog;
using Microsoft.Extensions.Logging;

namespace ExoIp.Telemetry;

/// <summary>
/// The one place that turns what happened in a watchdog into what people see: events, counters and the snapshot.
/// Each method is one kind of happening and makes its one event, with its level; the log line is derived from that
/// event (<see cref="Emit"/>), so no happening is said twice and no host has to tell repeats apart.
/// Thread-safe where the receiver, the sender and the notify runner use it (drops, send and receive failures,
/// hook results); the rest is the loop's.
/// </summary>
internal sealed class WatchdogTelemetry
{
    private static readonly TimeSpan LogWindow = TimeSpan.FromSeconds(10);

    private readonly string _name;
    private WatchdogOptions _options;
    private readonly ILogger _logger;
    private readonly Func<DateTimeOffset> _now;
    private readonly Channel<WatchdogEvent> _events;
    private readonly RateLimitedLog _rateLimited = new(LogWindow);
    private readonly PeerSnapshots _peers = new();
    private WatchdogSnapshot _snapshot;
    private string? _elasticIpId;
    private DateTimeOffset? _startedAt;
    private DateTimeOffset? _lastTransitionAt;
    private HealthStatus? _health;
    private string? _healthReason;
    private string? _lastTransitionReason;

    public WatchdogTelemetry(WatchdogOptions options, ILogger logger, Func<DateTimeOffset> now, bool healthChecked = false)
    {
        _health = healthChecked ? HealthStatus.Unknown : null;
        _options = options;
        _name = options.EffectiveName;
        _logger = logger;
        _now = now;
        _events = Channel.CreateBounded<WatchdogEvent>(
            new BoundedChannelOptions(options.EventCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleWriter = false }, // the loop and the notify runner
            _ => Counters.EventDropped());
        _snapshot = Build(WatchdogStatus.NotStarted, NodeRole.Starting, options.Priority, options.Priority, null, Array.Empty<Peer>(), null, null);
    }

    public WatchdogCounters Counters { get; } = new();

    public ChannelReader<WatchdogEvent> Events => _events.Reader;

    public WatchdogSnapshot Snapshot => Volatile.Read(ref _snapshot);

    public void Started(DateTimeOffset at, byte priority, int staticPeers)
    {
        _startedAt = at;
        var peers = _options.PeerGroup is { } group
            ? $"peers from security group '{group}' (the hold-off starts once they are listed)"
            : _options.InstancePool is { } pool
                ? $"peers from Instance Pool '{pool}' (the hold-off starts once they are listed)"
                : $"{staticPeers} peer(s)";
        Emit(WatchdogEventKind.Started, $"Watching {_options.ElasticIp} from {_options.Bind} as {_options.InstanceId}, priority {priority}, {peers}.");
    }

    public void Stopped(string outcome, bool? holds) =>
        Emit(WatchdogEventKind.Stopped, Capitalize(outcome) + ".", e => e with { HoldsElasticIp = holds });

    public void Failed(Exception exception, bool? holds) =>
        Emit(WatchdogEventKind.Stopped, $"Failed: {exception.Message}", e => e with { Level = LogLevel.Error, Error = exception.Message, HoldsElasticIp = holds }, exception);

    public void Stopping() => Detail(LogLevel.Information, $"Stopping: advertising priority {WatchdogEngine.StoppingPriority} to hand over.");

    public void RoleChanged(NodeRole from, ElectionVerdict verdict, byte advertised, DateTimeOffset at)
    {
        Counters.Transition();
        var reason = verdict.Describe(advertised);
        _lastTransitionAt = at;
        _lastTransitionReason = reason;
        // Fault is a misconfiguration someone must fix: said loudly.
        Emit(WatchdogEventKind.StateChanged, $"{from} -> {verdict.Role}: {reason}", e => e with
        {
            Level = verdict.Role == NodeRole.Fault ? LogLevel.Warning : LogLevel.Information,
            Role = verdict.Role,
            Reason = verdict.Reason,
        });
    }

    /// <summary>
    /// A reload changed the options; with <paramref name="healthChecked"/>, the health checks were replaced: none
    /// any more shows unchecked, new ones show the verdict in force until their first round.
    /// </summary>
    public void Reconfigured(WatchdogOptions options, bool? healthChecked)
    {
        _options = options;
        if (healthChecked is not { } isChecked) return;
        if (isChecked)
        {
            _health ??= HealthStatus.Unknown;
            return;
        }
        _health = null;
        _healthReason = null;
    }

    /// <summary>The health checks' verdict changed: an event (on change only), a warning when unhealthy.</summary>
    public void HealthChanged(HealthTransition transition)
    {
        _health = transition.Status;
        _healthReason = transition.Reason;
        var message = transition.Status == HealthStatus.Healthy
            ? "Healthy: every health check passes" + (transition.Reason is null ? "." : $" (recovered from: {transition.Reason}).")
            : $"Unhealthy: {transition.Reason}; advertising priority {WatchdogEngine.StoppingPriority} so that a healthy node takes over.";
        var healthy = transition.Status == HealthStatus.Healthy;
        Emit(WatchdogEventKind.HealthChanged, message, e => e with
        {
            Level = healthy ? LogLevel.Information : LogLevel.Warning,
            Health = transition.Status,
            Error = healthy ? null : transition.Reason,
        });
    }

    /// <summary>A notify hook ran (on the notify runner's task): an event, a warning unless it succeeded.</summary>
    public void Notified(NotifyResult result)
    {
        var message = result.Describe();
        var succeeded = result.Outcome == NotifyOutcome.Succeeded;
        Emit(WatchdogEventKind.Notified, message, e => e with
        {
            Level = succeeded ? LogLevel.Information : LogLevel.Warning,
            AnnouncedRole = result.Change.Role,
            Hook = result.Hook,
            NotifyOutcome = result.Outcome,
            ExitCode = result.ExitCode,
            Duration = result.Duration,
            Error = succeeded ? null : result.Detail,
        });
    }

    /// <summary>A faulty node keeps the Elastic IP because no live node is healthy: said loudly, but not more than once per window.</summary>
    public void FaultKeeps()
    {
        if (!_rateLimited.TryAcquire("fault-keeps", _now(), out _)) return;
        Warn($"Keeping the Elastic IP although this node is unhealthy ({_healthReason}): no live node is healthy, and a sick holder beats no holder.");
    }

    /// <summary>A backup's master changed: after a failover, every backup's log says who the new master is.</summary>
    public void MasterChanged(IPAddress? master) =>
        Emit(WatchdogEventKind.MasterChanged, master is null ? "No master: no live peer beats this node." : $"The master is now {master}.", e => e with { PeerAddress = master });

    public void PriorityChanged(byte from, byte to) => Detail(LogLevel.Information, $"Priority changed from {from} to {to}.");

    /// <summary>A preemption rule began or ended holding this node back from a live holder it beats.</summary>
    public void Deferring(bool deferring, byte advertised)
    {
        var rule = _options.NoPreempt ? "-NoPreempt" : $"-PreemptDelay {_options.PreemptDelay.TotalSeconds:0.###} s";
        Detail(LogLevel.Information, deferring
            ? $"Deferring to the live holder of the Elastic IP ({rule}): advertising priority {advertised}."
            : $"No longer deferring ({rule}): advertising priority {advertised}.");
    }

    public void Stalled(TimeSpan stall) => Limited("stall", null,
        $"this node did not run for {stall.TotalMilliseconds:0} ms; the peers' silence meanwhile is not held against them");

    public void Reconciling() => Detail(LogLevel.Debug, "Reconciling with the API.");

    public void Membership(MembershipChange change)
    {
        var peer = change.Peer;
        var instance = peer?.InstanceId?.ToString();
        switch (change.Kind)
        {
            case MembershipChangeKind.Up:
                Emit(WatchdogEventKind.PeerUp, $"Peer {peer} is up, priority {peer!.Priority}.", e => e with { PeerAddress = peer.Address, InstanceId = instance });
                break;
            case MembershipChangeKind.Down:
                var deadAfter = _options.Timing.DeadAfter;
                Emit(WatchdogEventKind.PeerDown, $"Peer {peer} is down: silent for more than {deadAfter.TotalSeconds:0.###} s.",
                    e => e with { Level = LogLevel.Warning, PeerAddress = peer!.Address, InstanceId = instance });
                break;
            case MembershipChangeKind.Joined:
                Emit(WatchdogEventKind.PeerJoined, $"Peer {peer} joined the security group.", e => e with { PeerAddress = peer!.Address, InstanceId = instance });
                break;
            case MembershipChangeKind.Left:
                Emit(WatchdogEventKind.PeerLeft,
                    $"Peer {peer} left the security group; it no longer takes part in the election, and the master makes sure it does not keep the Elastic IP.",
                    e => e with { PeerAddress = peer!.Address, InstanceId = instance });
                break;
            case MembershipChangeKind.Listed:
                Detail(LogLevel.Information, $"{change.Count} peer(s) listed; the hold-off starts.");
                break;
            case MembershipChangeKind.Self:
                Detail(LogLevel.Information, $"{peer!.Address} is this node; not a peer.");
                break;
            case MembershipChangeKind.Unresolved:
                Warn($"No instance has the peer address {peer!.Address}; it counts once it advertises.");
                break;
            case MembershipChangeKind.Replaced:
                Warn($"Peer {peer!.Address} is now instance {peer.InstanceId}; adverts with its old identity are dropped.");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, null);
        }
    }

    /// <summary>The API listed an instance that is no peer among the Elastic IP's holders.</summary>
    public void StrayHolder(Peer holder)
    {
        var message = $"Instance {holder.InstanceId}{(holder.Address.Equals(IPAddress.Any) ? "" : $" ({holder.Address})")} holds {_options.ElasticIp} but is no peer: the master detaches it.";
        Emit(WatchdogEventKind.Warning, message, e => e with { InstanceId = holder.InstanceId?.ToString(), HoldsElasticIp = true });
    }

    public void ElasticIpResolved(string id)
    {
        _elasticIpId = id;
        Detail(LogLevel.Information, $"Elastic IP {_options.ElasticIp} is {id}.");
    }

    /// <summary>An API call ended: an event for actions (unless it is no news, see AnswerPolicy.IsNews), a warning for failed lookups.</summary>
    public void ApiCall(ApiCallResult result, int failures, TimeSpan retryIn, bool news)
    {
        var action = result.Command.Action;
        if (result.Abandoned)
        {
            Detail(LogLevel.Debug, $"{Capitalize(result.Description)}: {result.Error}.");
            return;
        }
        if (!result.Succeeded)
        {
            var message = $"{Capitalize(result.Description)} failed (try {failures}), next try in {retryIn.TotalSeconds:0.###} s: {result.Error}";
            Emit(action is null ? WatchdogEventKind.Warning : WatchdogEventKind.ApiAction, message, e => e with
            {
                Level = LogLevel.Warning,
                InstanceId = action is null ? null : result.InstanceId,
                Action = action,
                Outcome = action is null ? null : ApiActionOutcome.Failed,
                Duration = action is null ? null : result.Duration,
                Error = result.Error,
            });
            return;
        }
        if (action is not { } done) return;
        var outcome = result.Command.HoldsAfterAction is not null && !result.Changed ? ApiActionOutcome.NoOp : ApiActionOutcome.Done;
        var milliseconds = (long)result.Duration.TotalMilliseconds;
        if (!news)
        {
            Detail(LogLevel.Debug, $"{Capitalize(result.Description)}: {outcome} in {milliseconds} ms.");
            return;
        }
        Emit(WatchdogEventKind.ApiAction, $"{Capitalize(result.Description)}: {Describe(outcome)}.", e => e with
        {
            InstanceId = result.InstanceId,
            Action = done,
            Outcome = outcome,
            Duration = result.Duration,
            HoldsElasticIp = result.HoldsAfter,
        });
    }

    public void Dropped(DatagramDropReason reason, IPAddress source)
    {
        Counters.DatagramDropped(reason);
        Limited("drop:" + reason, null, $"dropped a datagram from {source}: {reason}");
    }

    /// <summary>The advert keys were swapped on the running watchdog.</summary>
    public void KeysChanged(AuthKeyRing keys) => Detail(LogLevel.Information, $"Advert keys now {keys}.");

    /// <summary>A peer's address sent an advert this node cannot verify because the keys differ (a rate-limited warning, logged and an event).</summary>
    public void KeyMismatch(IPAddress source, string hint) =>
        Misconfigured("key-mismatch:" + source, $"cannot verify the adverts from peer {source}: {hint}");

    /// <summary>The peers showed they do not take this node's current key: it signs with its next one (a warning, logged and an event).</summary>
    public void SigningWithNextKey() =>
        Misconfigured("next-key",
            "the peers sign with this node's next key and took the Elastic IP from it as from a dead node: they lack its current key (a rotation's second step done here before its first there); signing with the next key until the keys change");

    /// <summary>A peer's address sent an advert signed with this node's key but stamped outside the window around its wall clock (a rate-limited warning, logged and an event).</summary>
    public void StaleStamp(IPAddress source, TimeSpan window) =>
        Misconfigured("stale:" + source,
            $"refusing the adverts from peer {source}: signed with this node's key, but stamped more than {DurationText.Of(window)} from this host's wall clock; one of the two clocks is wrong (is NTP running on both?)");

    // A node's setting that one of the two nodes must fix: the administrator reads it in the events (the -O lines, the
    // hooks' logs, Get-ExoIpWatchdog) as well as in the log.
    private void Misconfigured(string key, string what)
    {
        Limited(key, null, what);
    }

    public void SendFailed(IPAddress destination, Exception exception)
    {
        Counters.SendFailed();
        Limited("send:" + destination, exception, $"sending an advert to {destination} failed");
    }

    public void ReceiveFailed(Exception exception) => Limited("receive", exception, "receiving a datagram failed");

    /// <summary>Publishes the loop's state for <see cref="WatchdogEngine.GetSnapshot"/>.</summary>
    public void Publish(WatchdogStatus status, NodeRole role, byte priority, byte advertised, bool? holds, IReadOnlyCollection<Peer> peers, IPAddress? master, DateTimeOffset? now) =>
        Volatile.Write(ref _snapshot, Build(status, role, priority, advertised, holds, peers, master, now));

    /// <summary>No more events: the reader's loop ends.</summary>
    public void Complete() => _events.Writer.TryComplete();

    private WatchdogSnapshot Build(WatchdogStatus status, NodeRole role, byte priority, byte advertised, bool? holds, IReadOnlyCollection<Peer> peers, IPAddress? master, DateTimeOffset? now) => new()
    {
        Name = _name,
        ElasticIp = _options.ElasticIp!,
        ElasticIpId = _elasticIpId,
        InstanceId = _options.InstanceId,
        Bind = _options.Bind,
        Status = status,
        Role = role,
        Priority = priority,
        AdvertisedPriority = advertised,
        HoldsElasticIp = holds,
        StartedAt = _startedAt,
        LastTransitionAt = _lastTransitionAt,
        LastTransitionReason = _lastTransitionReason,
        Health = _health,
        HealthReason = _healthReason,
        Peers = _peers.Update(peers, master, now, _options.Timing),
    };

    private void Warn(string message) => Emit(WatchdogEventKind.Warning, message, e => e with { Error = message });

    // A warning that may repeat fast (a flood, a misconfigured peer): at most once a window per key, saying how many
    // more there were since the last.
    private void Limited(string key, Exception? exception, string what)
    {
        if (!_rateLimited.TryAcquire(key, _now(), out var suppressed)) return;
        var message = what + (exception is null ? "" : $": {exception.Message}")
            + (suppressed == 0 ? "" : $" ({suppressed} more like it in the last {LogWindow.TotalSeconds:0} s not said)");
        Emit(WatchdogEventKind.Warning, message, e => e with { Error = message }, exception);
    }

    private void Detail(LogLevel level, string message) => Emit(WatchdogEventKind.Detail, message, e => e with { Level = level });

    // The one way out: the event for the hosts that read them, and the engine's log line derived from it. A Warning is
    // said as one; other kinds at Information unless their details say otherwise.
    private void Emit(WatchdogEventKind kind, string message, Func<WatchdogEvent, WatchdogEvent>? details = null, Exception? exception = null)
    {
        var e = new WatchdogEvent
        {
            Timestamp = _now(),
            Watchdog = _name,
            Kind = kind,
            Message = message,
            Level = kind == WatchdogEventKind.Warning ? LogLevel.Warning : LogLevel.Information,
        };
        if (details is not null) e = details(e);
        _events.Writer.TryWrite(e);
        _logger.Log(e.Level, exception, "[{Watchdog}] {Kind}: {Message}", _name, kind, message);
    }

    private static string Describe(ApiActionOutcome outcome) => outcome switch
    {
        ApiActionOutcome.Done => "done",
        ApiActionOutcome.NoOp => "nothing to do",
        _ => "failed",
    };

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text.Substring(1);
}
