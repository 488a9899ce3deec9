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
/// The one place that turns what happened in a watchdog into what people see: events, log lines, counters and
/// the snapshot. Each method is one kind of happening and decides its event, its line and its level together.
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
        _logger.LogInformation("[{Watchdog}] started on {Bind}, priority {Priority}", _name, _options.Bind, priority);
    }

    public void Stopped(string outcome, bool? holds)
    {
        _logger.LogInformation("[{Watchdog}] {Outcome}", _name, outcome);
        Emit(WatchdogEventKind.Stopped, Capitalize(outcome) + ".", e => e with { HoldsElasticIp = holds });
    }

    public void Failed(Exception exception, bool? holds)
    {
        _logger.LogError(exception, "[{Watchdog}] failed", _name);
        Emit(WatchdogEventKind.Stopped, $"Failed: {exception.Message}", e => e with { Error = exception.Message, HoldsElasticIp = holds });
    }

    public void Stopping()
    {
        _logger.LogInformation("[{Watchdog}] stopping: advertising priority {Priority} to hand over", _name, WatchdogEngine.StoppingPriority);
    }

    public void RoleChanged(NodeRole from, ElectionVerdict verdict, byte advertised, DateTimeOffset at)
    {
        Counters.Transition();
        var reason = verdict.Describe(advertised);
        _lastTransitionAt = at;
        _lastTransitionReason = reason;
        Emit(WatchdogEventKind.StateChanged, $"{from} -> {verdict.Role}: {reason}", e => e with { Role = verdict.Role, Reason = verdict.Reason });
        // Fault is a misconfiguration someone must fix: said loudly.
        _logger.Log(verdict.Role == NodeRole.Fault ? LogLevel.Warning : LogLevel.Information, "[{Watchdog}] {From} -> {To}: {Reason}", _name, from, verdict.Role, reason);
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

    /// <summary>The health checks' verdict changed: an event (on change only) and a line.</summary>
    public void HealthChanged(HealthTransition transition)
    {
        _health = transition.Status;
        _healthReason = transition.Reason;
        var message = transition.Status == HealthStatus.Healthy
            ? "Healthy: every health check passes" + (transition.Reason is null ? "." : $" (recovered from: {transition.Reason}).")
            : $"Unhealthy: {transition.Reason}; advertising priority {WatchdogEngine.StoppingPriority} so that a healthy node takes over.";
        Emit(WatchdogEventKind.HealthChanged, message, e => e with { Health = transition.Status, Error = transition.Status == HealthStatus.Healthy ? null : transition.Reason });
        if (transition.Status == HealthStatus.Healthy) _logger.LogInformation("[{Watchdog}] {Message}", _name, message);
        else _logger.LogWarning("[{Watchdog}] {Message}", _name, message);
    }

    /// <summary>A notify hook ran (on the notify runner's task): an event, and a line, a warning unless it succeeded.</summary>
    public void Notified(NotifyResult result)
    {
        var message = result.Describe();
        var succeeded = result.Outcome == NotifyOutcome.Succeeded;
        Emit(WatchdogEventKind.Notified, message, e => e with
        {
            AnnouncedRole = result.Change.Role,
            Hook = result.Hook,
            NotifyOutcome = result.Outcome,
            ExitCode = result.ExitCode,
            Duration = result.Duration,
            Error = succeeded ? null : result.Detail,
        });
        _logger.Log(succeeded ? LogLevel.Information : LogLevel.Warning, "[{Watchdog}] {Message}", _name, message);
    }

    /// <summary>A faulty node keeps the Elastic IP because no live node is healthy: said loudly, but not more than once per window.</summary>
    public void FaultKeeps()
    {
        if (!_rateLimited.TryAcquire("fault-keeps", _now(), out _)) return;
        Warn($"Keeping the Elastic IP although this node is unhealthy ({_healthReason}): no live node is healthy, and a sick holder beats no holder.");
    }

    public void MasterChanged(IPAddress? master) => _logger.LogInformation("[{Watchdog}] master is now {Master}", _name, master);

    public void PriorityChanged(byte from, byte to) =>
        _logger.LogInformation("[{Watchdog}] priority changed from {Old} to {New}", _name, from, to);

    /// <summary>A preemption rule began or ended holding this node back from a live holder it beats.</summary>
    public void Deferring(bool deferring, byte advertised)
    {
        var rule = _options.NoPreempt ? "-NoPreempt" : $"-PreemptDelay {_options.PreemptDelay.TotalSeconds:0.###} s";
        if (deferring)
            _logger.LogInformation("[{Watchdog}] deferring to the live holder of the Elastic IP ({Rule}): advertising priority {Priority}", _name, rule, advertised);
        else
            _logger.LogInformation("[{Watchdog}] no longer deferring ({Rule}): advertising priority {Priority}", _name, rule, advertised);
    }

    public void Stalled(TimeSpan stall) => Limited("stall", LogLevel.Warning, null,
        $"this node did not run for {stall.TotalMilliseconds:0} ms; the peers' silence meanwhile is not held against them");

    public void Reconciling() => _logger.LogDebug("[{Watchdog}] reconciling with the API", _name);

    public void Membership(MembershipChange change)
    {
        var peer = change.Peer;
        var instance = peer?.InstanceId?.ToString();
        switch (change.Kind)
        {
            case MembershipChangeKind.Up:
                _logger.LogInformation("[{Watchdog}] peer {Peer} is up (priority {Priority})", _name, peer, peer!.Priority);
                Emit(WatchdogEventKind.PeerUp, $"Peer {peer} is up, priority {peer.Priority}.", e => e with { PeerAddress = peer.Address, InstanceId = instance });
                break;
            case MembershipChangeKind.Down:
                var deadAfter = _options.Timing.DeadAfter;
                Emit(WatchdogEventKind.PeerDown, $"Peer {peer} is down: silent for more than {deadAfter.TotalSeconds:0.###} s.",
                    e => e with { PeerAddress = peer!.Address, InstanceId = instance });
                _logger.LogWarning("[{Watchdog}] peer {Peer} is down: silent for more than {DeadAfter}", _name, peer, deadAfter);
                break;
            case MembershipChangeKind.Joined:
                _logger.LogInformation("[{Watchdog}] peer {Peer} joined the group", _name, peer);
                Emit(WatchdogEventKind.PeerJoined, $"Peer {peer} joined the security group.", e => e with { PeerAddress = peer!.Address, InstanceId = instance });
                break;
            case MembershipChangeKind.Left:
                _logger.LogInformation("[{Watchdog}] peer {Peer} left the group", _name, peer);
                Emit(WatchdogEventKind.PeerLeft,
                    $"Peer {peer} left the security group; it no longer takes part in the election, and the master makes sure it does not keep the Elastic IP.",
                    e => e with { PeerAddress = peer!.Address, InstanceId = instance });
                break;
            case MembershipChangeKind.Listed:
                _logger.LogInformation("[{Watchdog}] {Count} peer(s) listed; the hold-off starts", _name, change.Count);
                break;
            case MembershipChangeKind.Self:
                _logger.LogInformation("[{Watchdog}] {Address} is this node; not a peer", _name, peer!.Address);
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
        _logger.LogWarning("[{Watchdog}] {Message}", _name, message);
    }

    public void ElasticIpResolved(string id)
    {
        _elasticIpId = id;
        _logger.LogInformation("[{Watchdog}] Elastic IP {Address} is {Id}", _name, _options.ElasticIp, id);
    }

    /// <summary>An API call ended: an event for actions (unless it is no news, see AnswerPolicy.IsNews), a warning for failed lookups.</summary>
    public void ApiCall(ApiCallResult result, int failures, TimeSpan retryIn, bool news)
    {
        var action = result.Command.Action;
        if (result.Abandoned)
        {
            _logger.LogDebug("[{Watchdog}] {Operation}: {Error}", _name, result.Description, result.Error);
            return;
        }
        if (!result.Succeeded)
        {
            var message = $"{Capitalize(result.Description)} failed (try {failures}), next try in {retryIn.TotalSeconds:0.###} s: {result.Error}";
            Emit(action is null ? WatchdogEventKind.Warning : WatchdogEventKind.ApiAction, message, e => e with
            {
                InstanceId = action is null ? null : result.InstanceId,
                Action = action,
                Outcome = action is null ? null : ApiActionOutcome.Failed,
                Duration = action is null ? null : result.Duration,
                Error = result.Error,
            });
            _logger.LogWarning("[{Watchdog}] {Message}", _name, message);
            return;
        }
        if (action is not { } done) return;
        var outcome = result.Command.HoldsAfterAction is not null && !result.Changed ? ApiActionOutcome.NoOp : ApiActionOutcome.Done;
        var milliseconds = (long)result.Duration.TotalMilliseconds;
        if (!news)
        {
            _logger.LogDebug("[{Watchdog}] {Operation}: {Outcome} in {Duration} ms", _name, result.Description, outcome, milliseconds);
            return;
        }
        _logger.LogInformation("[{Watchdog}] {Operation}: {Outcome} in {Duration} ms", _name, result.Description, outcome, milliseconds);
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
        Limited("drop:" + reason, LogLevel.Warning, null, $"dropped a datagram from {source}: {reason}");
    }

    /// <summary>The advert keys were swapped on the running watchdog.</summary>
    public void KeysChanged(AuthKeyRing keys) => _logger.LogInformation("[{Watchdog}] advert keys now {Keys}", _name, keys);

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
        if (!_rateLimited.TryAcquire(key, _now(), out var suppressed)) return;
        Emit(WatchdogEventKind.Warning, what, e => e with { Error = what });
        Log(LogLevel.Warning, null, what, suppressed);
    }

    public void SendFailed(IPAddress destination, Exception exception)
    {
        Counters.SendFailed();
        Limited("send:" + destination, LogLevel.Warning, exception, $"sending an advert to {destination} failed");
    }

    public void ReceiveFailed(Exception exception) => Limited("receive", LogLevel.Warning, exception, "receiving a datagram failed");

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

    private void Warn(string message)
    {
        Emit(WatchdogEventKind.Warning, message, e => e with { Error = message });
        _logger.LogWarning("[{Watchdog}] {Message}", _name, message);
    }

    // At most once a window per key.
    private void Limited(string key, LogLevel level, Exception? exception, string what)
    {
        if (_rateLimited.TryAcquire(key, _now(), out var suppressed)) Log(level, exception, what, suppressed);
    }

    private void Log(LogLevel level, Exception? exception, string what, long suppressed) =>
        _logger.Log(level, exception, "[{Watchdog}] {What} ({Suppressed} more like it in the last {Window} s not logged)",
            _name, what, suppressed, LogWindow.TotalSeconds);

    // Before the log line that says the same: the host that writes both (exoip.ps1) hands events on first and writes a
    // warning that repeats the event it follows once; a log line ahead of its event would be written twice.
    private void Emit(WatchdogEventKind kind, string message, Func<WatchdogEvent, WatchdogEvent>? details = null)
    {
        var e = new WatchdogEvent { Timestamp = _now(), Watchdog = _name, Kind = kind, Message = message };
        _events.Writer.TryWrite(details is null ? e : details(e));
    }

    private static string Describe(ApiActionOutcome outcome) => outcome switch
    {
        ApiActionOutcome.Done => "done",
        ApiActionOutcome.NoOp => "nothing to do",
        _ => "failed",
    };

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text.Substring(1);
}
