using System;
using System.Linq;
using ExoIp.Election;
using ExoIp.Watchdog;

namespace ExoIp.Metrics;

/// <summary>
/// One watchdog's metrics in Prometheus' text format, read from its snapshot and counters and from the API
/// calls counted by <see cref="MeteredExoscaleClient"/>. Every sample carries the labels <c>elastic_ip</c> and
/// <c>watchdog</c>, so one Prometheus can tell the nodes of a cluster (and several watchdogs of a host) apart.
/// </summary>
public sealed class WatchdogMetrics
{
    private static readonly string[] Roles = Enum.GetNames(typeof(NodeRole));

    private readonly WatchdogEngine _engine;

    /// <summary>The metrics of <paramref name="engine"/>, whose API client counts into <paramref name="api"/>.</summary>
    public WatchdogMetrics(WatchdogEngine engine, ApiRequestMetrics api)
    {
        _engine = engine ?? throw new ArgumentNullException(nameof(engine));
        Api = api ?? throw new ArgumentNullException(nameof(api));
    }

    /// <summary>The API calls' counts and durations.</summary>
    public ApiRequestMetrics Api { get; }

    /// <summary>The exposition, as of now.</summary>
    public string Render()
    {
        var snapshot = _engine.GetSnapshot();
        var counters = _engine.Counters;
        var text = new PrometheusText(("elastic_ip", snapshot.ElasticIp.ToString()), ("watchdog", snapshot.Name));
        var role = snapshot.Role.ToString();

        text.Family("exoip_master", "gauge", "1 when this node is the master, else 0.")
            .Sample("exoip_master", snapshot.Role == NodeRole.Master ? 1 : 0);
        text.Family("exoip_role", "gauge", "1 for the node's current role, 0 for the others.");
        foreach (var name in Roles) text.Sample("exoip_role", name == role ? 1 : 0, ("role", name.ToLowerInvariant()));
        text.Family("exoip_priority", "gauge", "The node's priority (lower wins), as it is now, SIGUSR1/SIGUSR2 included.")
            .Sample("exoip_priority", snapshot.Priority);
        text.Family("exoip_advertised_priority", "gauge", "The priority in this node's adverts: its own, 254 while a preemption rule defers, 255 while unhealthy or stopping.")
            .Sample("exoip_advertised_priority", snapshot.AdvertisedPriority);
        text.Family("exoip_peers_alive", "gauge", "Peers heard from within the dead interval.")
            .Sample("exoip_peers_alive", snapshot.Peers.Count(p => p.IsAlive));
        text.Family("exoip_peers_known", "gauge", "Peers configured or listed in the peer group.")
            .Sample("exoip_peers_known", snapshot.Peers.Count);
        if (snapshot.Health is { } health)
            text.Family("exoip_healthy", "gauge", "1 when every health check passes (after fall/rise counting), else 0; absent without health checks.")
                .Sample("exoip_healthy", health == ExoIp.Health.HealthStatus.Healthy ? 1 : 0);
        if (_engine.HealthCounters is { } checks)
            text.Family("exoip_health_checks_total", "counter", "Health check runs, by outcome.")
                .Sample("exoip_health_checks_total", checks.Passed, ("outcome", "passed"))
                .Sample("exoip_health_checks_total", checks.Failed, ("outcome", "failed"))
                .Sample("exoip_health_checks_total", checks.TimedOut, ("outcome", "timed_out"));
        if (snapshot.HoldsElasticIp is { } holds)
            text.Family("exoip_holds_elastic_ip", "gauge", "1 when the API last said this instance holds the Elastic IP, else 0 (absent until it has said).")
                .Sample("exoip_holds_elastic_ip", holds ? 1 : 0);

        text.Family("exoip_adverts_sent_total", "counter", "Advertisements sent.")
            .Sample("exoip_adverts_sent_total", counters.AdvertisementsSent);
        text.Family("exoip_adverts_accepted_total", "counter", "Advertisements received from peers and accepted.")
            .Sample("exoip_adverts_accepted_total", counters.AdvertisementsAccepted);
        text.Family("exoip_datagrams_dropped_total", "counter", "Datagrams received and dropped, by reason.");
        foreach (var pair in counters.DroppedByReason().OrderBy(p => p.Key.ToString(), StringComparer.Ordinal))
            text.Sample("exoip_datagrams_dropped_total", pair.Value, ("reason", Snake(pair.Key.ToString())));
        text.Family("exoip_role_changes_total", "counter", "Role changes since start.")
            .Sample("exoip_role_changes_total", counters.Transitions);
        Api.WriteTo(text);
        return text.ToString();
    }

    // IdentityMismatch -> identity_mismatch, NotIPv4 -> not_ipv4 (an acronym is one word), as Prometheus label values usually are.
    internal static string Snake(string name) =>
        string.Concat(name.Select((c, i) =>
            char.IsUpper(c) ? (i > 0 && !char.IsUpper(name[i - 1]) ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
