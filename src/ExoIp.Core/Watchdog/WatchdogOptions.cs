using System;
using ExoIp.Authentication;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using ExoIp.Election;
using ExoIp.Health;
using ExoIp.Notify;

namespace ExoIp.Watchdog;

/// <summary>
/// How a watchdog runs. The names follow the original exoip's options (see each property); defaults are the
/// original's where it had one. <see cref="Validate"/> before use.
/// </summary>
public sealed record WatchdogOptions
{
    /// <summary>The default advertisement port (the original's <c>:12345</c>).</summary>
    public const int DefaultPort = 12345;

    /// <summary>The smallest advertisement interval accepted, in seconds (a constant, for cmdlet attributes).</summary>
    public const double MinimumIntervalSeconds = 0.05;

    /// <summary>The largest advertisement interval accepted, in seconds (a constant, for cmdlet attributes).</summary>
    public const double MaximumIntervalSeconds = 3600;

    /// <summary>The smallest advertisement interval accepted.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(MinimumIntervalSeconds);

    /// <summary>The largest advertisement interval accepted (an hour: beyond it a failover takes longer than anyone waits).</summary>
    public static readonly TimeSpan MaximumInterval = TimeSpan.FromSeconds(MaximumIntervalSeconds);

    /// <summary>The largest dead ratio accepted (beyond it a peer is never declared dead in practice).</summary>
    public const int MaximumDeadRatio = 1000;

    /// <summary>A name for this watchdog in events, logs and the cmdlets; null means the Elastic IP's address.</summary>
    public string? Name { get; init; }

    /// <summary>The Elastic IP to watch over, an IPv4 address (<c>-xi</c>, IF_ADDRESS). Required.</summary>
    public IPAddress? ElasticIp { get; init; }

    /// <summary>This node's priority, lower wins (<c>-P</c>, IF_HOST_PRIORITY). 0–255, default 10.</summary>
    public byte Priority { get; init; } = 10;

    /// <summary>Where to listen and send from (<c>-l</c>, IF_BIND_TO); 0.0.0.0 means every address. Default 0.0.0.0:12345.</summary>
    public IPEndPoint Bind { get; init; } = new(IPAddress.Any, DefaultPort);

    /// <summary>This node's own Exoscale instance id (<c>-i</c>, IF_EXOSCALE_INSTANCE_ID); sent as the advert's identity. Required.</summary>
    public Guid InstanceId { get; init; }

    /// <summary>Static peers, IPv4 (<c>-p</c>, IF_EXOSCALE_PEERS). Exclusive with <see cref="PeerGroup"/>.</summary>
    public IReadOnlyList<IPAddress>? Peers { get; init; }

    /// <summary>
    /// A security group, by name or id, whose running instances are the peers (<c>-G</c>,
    /// IF_EXOSCALE_PEER_GROUP). Exclusive with <see cref="Peers"/>.
    /// </summary>
    public string? PeerGroup { get; init; }

    /// <summary>
    /// An Instance Pool, by name or id, whose running instances are the peers (IF_EXOSCALE_INSTANCE_POOL), listed
    /// again like a security group's members. Exclusive with <see cref="Peers"/> and <see cref="PeerGroup"/>.
    /// </summary>
    public string? InstancePool { get; init; }

    /// <summary>True when the peers come from a listing (a security group or an Instance Pool), not a static list.</summary>
    public bool PeersListed => PeerGroup is not null || InstancePool is not null;

    /// <summary>A peer silent for more than <see cref="Interval"/> × this is dead (<c>-r</c>, IF_DEAD_RATIO). Default 3.</summary>
    public int DeadRatio { get; init; } = 3;

    /// <summary>The advertisement interval (<c>-t</c>, IF_ADVERTISEMENT_INTERVAL); fractions allowed, 50 ms to 1 h. Default 1 s.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the peers are looked up again (security group members, static peers' instance ids). Default 5 min.</summary>
    public TimeSpan PeerRefreshInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often the node compares what the API says with its role and repairs the difference (a backup
    /// holding the Elastic IP, a master missing it, another instance holding it). It also runs once when the
    /// hold-off ends. Default 30 s. The original's 5 min left an Elastic IP on no instance for up to 5 min
    /// when two nodes acted at once on stale beliefs (each detaching the other) and the master went on
    /// believing it held it: only the API can tell it otherwise. The cost is a few reads per node every 30 s.
    /// </summary>
    public TimeSpan ReconcileInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Added to the start-up hold-off (interval × dead ratio + skew). Default 100 ms.</summary>
    public TimeSpan Skew { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The bound on a graceful stop; null means 10 s + interval × dead ratio. A stopping master waits for a
    /// successor to hold the Elastic IP for at most half of it, keeping the rest for its own detach; when it
    /// runs out, pending API calls are cancelled and the stop reports what is left.
    /// </summary>
    public TimeSpan? StopTimeout { get; init; }

    /// <summary>
    /// The bound on one API call (including the wait for its operation). Also the longest a node that should
    /// no longer hold the Elastic IP waits for the new master to detach it (which the master does right after
    /// its own attach) before it detaches itself; it waits a hold-off when that is shorter. Default 30 s. Give the watchdog a client configured with
    /// <see cref="WatchdogClientOptions.ConfigureFor"/>, so that the client's own retries fit within it.
    /// </summary>
    public TimeSpan ApiTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The first delay before a failed API call is tried again; it doubles on each failure. Default 1 s.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between two tries of a failing API call. Default 30 s.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many events wait for a reader before the oldest are dropped (and counted): a watchdog nobody
    /// listens to must neither block nor grow without bound. Default 1024.
    /// </summary>
    public int EventCapacity { get; init; } = 1024;

    /// <summary>
    /// The advert keys (<c>-AuthKeyFile</c>, IF_AUTH_KEY_FILE): the current one signs, the next one is also
    /// accepted. Null (the default) for the original's 24-byte adverts.
    /// </summary>
    public AuthKeyRing? AuthKeys { get; init; }

    /// <summary>How the health checks given to the watchdog run (interval, timeout, fall, rise). Unused without checks.</summary>
    public HealthCheckOptions HealthCheck { get; init; } = new();

    /// <summary>
    /// <c>-PreemptDelay</c>: when this node comes back (counted from the end of its hold-off) or turns healthy again
    /// while another live, healthy node holds the Elastic IP, it waits this long, alive and healthy the whole time,
    /// before it takes the Elastic IP back. Zero (the default) takes it back at once.
    /// </summary>
    public TimeSpan PreemptDelay { get; init; }

    /// <summary>
    /// <c>-NoPreempt</c>: never take the Elastic IP from a live, healthy holder; become master only when it dies,
    /// stops or turns unhealthy.
    /// </summary>
    public bool NoPreempt { get; init; }

    /// <summary>The longest <see cref="PreemptDelay"/>: one hour.</summary>
    public static readonly TimeSpan MaximumPreemptDelay = TimeSpan.FromHours(1);

    /// <summary>The largest notify timeout accepted, in seconds (a constant, for cmdlet attributes).</summary>
    public const double MaximumNotifyTimeoutSeconds = 3600;

    /// <summary>
    /// The bound on one run of a notify hook (<c>-NotifyTimeout</c>, IF_NOTIFY_TIMEOUT): a hook still running then
    /// is stopped (a command killed). The watchdog's end waits this long, at most, for the Stopped hook. Default
    /// 30 s, at most an hour. Unused without hooks.
    /// </summary>
    public TimeSpan NotifyTimeout { get; init; } = NotifyRunner.DefaultTimeout;

    /// <summary><see cref="Name"/>, or the Elastic IP's address when no name was given.</summary>
    public string EffectiveName => Name ?? ElasticIp?.ToString() ?? "watchdog";

    /// <summary>
    /// The longest the loop sleeps with nothing coming in: an interval and a half after its last pass it looks at the
    /// time (its own stalls are measured by that). A node that hears its peers passes at their adverts and never gets
    /// there; half an interval past a peer's next advert, the look does not race that advert.
    /// </summary>
    public TimeSpan LoopLookAfter => TimeSpan.FromTicks(Interval.Ticks * 3 / 2);

    /// <summary><see cref="StopTimeout"/>, or its default 10 s + interval × dead ratio.</summary>
    public TimeSpan EffectiveStopTimeout => StopTimeout ?? TimeSpan.FromSeconds(10) + Timing.DeadAfter;

    /// <summary>The election's clock rules from these options.</summary>
    public ElectionTiming Timing => new(Interval, DeadRatio, Skew);

    /// <summary>Checks every option; each error names its option. Empty when the options are usable.</summary>
    public IReadOnlyList<WatchdogOptionError> Validate()
    {
        var errors = new List<WatchdogOptionError>();
        void Fail(string option, string message) => errors.Add(new WatchdogOptionError(option, $"{option}: {message}"));
        void Missing(string option, string message) =>
            errors.Add(new WatchdogOptionError(option, $"{option}: {message}", WatchdogOptionErrorKind.Missing));

        if (Name is { } name && string.IsNullOrWhiteSpace(name)) Fail(nameof(Name), "must not be blank.");
        if (ElasticIp is null) Missing(nameof(ElasticIp), "is required: the Elastic IP address to watch over.");
        else if (ElasticIp.AddressFamily != AddressFamily.InterNetwork) Fail(nameof(ElasticIp), $"'{ElasticIp}' is not an IPv4 address.");
        if (InstanceId == Guid.Empty) Missing(nameof(InstanceId), "is required: this node's own Exoscale instance id.");
        if (Bind is null) Missing(nameof(Bind), "is required.");
        else if (Bind.AddressFamily != AddressFamily.InterNetwork) Fail(nameof(Bind), $"'{Bind}' is not an IPv4 address.");
        else if (Bind.Port == 0) Fail(nameof(Bind), "needs a port: every node sends to its peers at its own port.");

        var hasPeers = Peers is { Count: > 0 };
        var hasGroup = PeerGroup is not null;
        var hasPool = InstancePool is not null;
        var sources = (hasPeers ? 1 : 0) + (hasGroup ? 1 : 0) + (hasPool ? 1 : 0);
        if (sources > 1) Fail($"{nameof(Peers)}/{nameof(PeerGroup)}", "Peers, PeerGroup and InstancePool are exclusive: give one of them.");
        else if (sources == 0) Missing($"{nameof(Peers)}/{nameof(PeerGroup)}", "one of Peers, PeerGroup or InstancePool is required.");
        if (hasGroup && string.IsNullOrWhiteSpace(PeerGroup)) Fail(nameof(PeerGroup), "must not be blank.");
        if (hasPool && string.IsNullOrWhiteSpace(InstancePool)) Fail(nameof(InstancePool), "must not be blank.");
        if (Peers is not null) ValidatePeers(Peers, Fail);

        if (Interval < MinimumInterval) Fail(nameof(Interval), $"{Interval.TotalMilliseconds} ms is below the minimum of {MinimumInterval.TotalMilliseconds} ms.");
        else if (Interval > MaximumInterval) Fail(nameof(Interval), $"{Interval.TotalSeconds} s is above the maximum of {MaximumInterval.TotalSeconds} s.");
        if (DeadRatio < 1 || DeadRatio > MaximumDeadRatio) Fail(nameof(DeadRatio), $"{DeadRatio} is out of range 1–{MaximumDeadRatio}.");
        if (Skew < TimeSpan.Zero) Fail(nameof(Skew), "must not be negative.");
        RequirePositive(nameof(PeerRefreshInterval), PeerRefreshInterval, Fail);
        RequirePositive(nameof(ReconcileInterval), ReconcileInterval, Fail);
        RequirePositive(nameof(ApiTimeout), ApiTimeout, Fail);
        RequirePositive(nameof(RetryDelay), RetryDelay, Fail);
        if (StopTimeout is { } stop) RequirePositive(nameof(StopTimeout), stop, Fail);
        if (EventCapacity < 1) Fail(nameof(EventCapacity), "must be at least 1.");
        if (PreemptDelay < TimeSpan.Zero || PreemptDelay > MaximumPreemptDelay)
            Fail(nameof(PreemptDelay), $"{PreemptDelay.TotalSeconds} s is out of range 0–{MaximumPreemptDelay.TotalSeconds} s.");
        if (HealthCheck is null) Fail(nameof(HealthCheck), "is required.");
        else errors.AddRange(HealthCheck.Validate());
        RequirePositive(nameof(NotifyTimeout), NotifyTimeout, Fail);
        if (NotifyTimeout > TimeSpan.FromSeconds(MaximumNotifyTimeoutSeconds))
            Fail(nameof(NotifyTimeout), $"{NotifyTimeout.TotalSeconds} s is above the maximum of {MaximumNotifyTimeoutSeconds} s.");
        if (MaxRetryDelay < RetryDelay) Fail(nameof(MaxRetryDelay), $"must be at least RetryDelay ({RetryDelay}).");
        return errors;
    }

    /// <summary>Throws when <see cref="Validate"/> finds errors.</summary>
    /// <exception cref="ArgumentException">Lists every invalid option.</exception>
    public void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
            throw new ArgumentException("Invalid watchdog options: " + string.Join(" ", errors.Select(e => e.Message)));
    }

    private static void ValidatePeers(IReadOnlyList<IPAddress> peers, Action<string, string> fail)
    {
        if (peers.Any(p => p is null))
        {
            fail(nameof(Peers), "contains an empty address.");
            return;
        }
        foreach (var peer in peers.Where(p => p.AddressFamily != AddressFamily.InterNetwork))
            fail(nameof(Peers), $"'{peer}' is not an IPv4 address.");
        foreach (var duplicate in peers.GroupBy(p => p).Where(g => g.Count() > 1))
            fail(nameof(Peers), $"'{duplicate.Key}' is listed more than once.");
    }

    private static void RequirePositive(string option, TimeSpan value, Action<string, string> fail)
    {
        if (value <= TimeSpan.Zero) fail(option, "must be positive.");
    }
}
