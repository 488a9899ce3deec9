using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using ExoIp.Election;
using ExoIp.Execution;
using ExoIp.Holding;
using ExoIp.Peers;
using ExoIp.Policies;
using ExoIp.Watchdog;

namespace ExoIp.Tests.Policies;

/// <summary>Builds the policies' inputs for table tests: peers in named conditions, a verdict, a time. No cluster, no clock.</summary>
internal static class PolicyTable
{
    public static readonly DateTimeOffset Now = new(2024, 1, 1, 0, 10, 0, TimeSpan.Zero);
    public static readonly Guid Self = Guid.Parse("00000001-0000-0000-0000-000000000000");

    public static readonly WatchdogOptions Options = new()
    {
        ElasticIp = IPAddress.Parse("198.51.100.50"),
        InstanceId = Self,
        Peers = new[] { IPAddress.Parse("10.0.0.3") },
    };

    /// <summary>
    /// A peer in a named condition: "alive" (heard a moment ago), "dead" (heard, then silent), "new" (listed a
    /// moment ago, never heard), "old" (listed a hold-off ago, never heard); then its holding as the API last
    /// said: "-holds", "-free", "-unknown".
    /// </summary>
    public static Peer Peer(string condition, int host = 3)
    {
        var parts = condition.Split('-');
        var timing = Options.Timing;
        var listedAt = parts[0] switch
        {
            "new" => Now - TimeSpan.FromMilliseconds(10),
            "old" => Now - timing.HoldOff,
            _ => (DateTimeOffset?)null,
        };
        var peer = new Peer(IPAddress.Parse($"10.0.0.{host}"), Guid.NewGuid(), listedAt);
        if (parts[0] == "alive") peer.RecordAdvertisement(peer.InstanceId!.Value, 5, Now - TimeSpan.FromMilliseconds(500));
        if (parts[0] == "dead") peer.RecordAdvertisement(peer.InstanceId!.Value, 5, Now - timing.DeadAfter - TimeSpan.FromSeconds(1));
        peer.IsAlive = peer.IsAliveAt(Now, timing);
        peer.HoldsElasticIp = parts[1] switch { "holds" => true, "free" => false, "unknown" => null, _ => throw new ArgumentOutOfRangeException(nameof(condition)) };
        return peer;
    }

    public static MembershipView View(IEnumerable<Peer> peers, params Peer[] departed) =>
        new(peers.ToDictionary(p => p.Address), departed, Options.Timing);

    public static PolicyContext Context(MembershipView view, Peer? master = null, DateTimeOffset? now = null, bool resolved = true)
    {
        var verdict = master is null
            ? new ElectionVerdict(NodeRole.Master, ElectionReason.BestPriority, null, null, 0)
            : new ElectionVerdict(NodeRole.Backup, ElectionReason.BeatenByPriority, master.Address, master.Candidate, 1);
        return new PolicyContext(verdict, view, resolved, now ?? Now, Options);
    }

    /// <summary>"holding" was just said by the API; "holding-long-ago" an interval or more ago.</summary>
    public static HoldingState Belief(string belief) => HoldingState.Initial with
    {
        SelfHolds = belief switch { "unknown" => null, "holding" or "holding-long-ago" => true, "not" => false, _ => throw new ArgumentOutOfRangeException(nameof(belief)) },
        ConfirmedAt = belief switch { "holding" => Now, "holding-long-ago" => Now - TimeSpan.FromSeconds(1), _ => null },
    };

    /// <summary>The commands as "AttachSelf, DetachPeer(10.0.0.3)": what the table's expected column says.</summary>
    public static string Names(Decision decision) => string.Join(", ", decision.Commands.Select(c => c.ToString()));

    /// <summary>
    /// Every effect of a decision in the order the pass applies them, its bookkeeping first, then its calls:
    /// "Reconciling, ForgetPeerHoldings, RefreshPeers, ListHolders(Check), AttachSelf".
    /// </summary>
    public static string Effects(Decision decision)
    {
        var effects = new List<string>();
        if (decision.Reconciling) effects.Add("Reconciling");
        if (decision.ForgetPeerHoldings) effects.Add("ForgetPeerHoldings");
        if (decision.Keeps) effects.Add("Keeps");
        if (decision.ResolveElasticIp) effects.Add("ResolveElasticIp");
        if (decision.RefreshPeers) effects.Add("RefreshPeers");
        if (decision.Listing is { } purpose) effects.Add($"ListHolders({purpose})");
        effects.AddRange(decision.Commands.Select(c => c.ToString()));
        return string.Join(", ", effects);
    }

    public static ApiCallResult Answer(ApiAction command, bool value) => command.Answered(Unanswered(command), value);

    public static ApiCallResult Failure(ApiCommand command) => Unanswered(command) with { Error = "503" };

    private static ApiCallResult Unanswered(ApiCommand command) => new(command, "test", null, TimeSpan.FromMilliseconds(5), null);
}
