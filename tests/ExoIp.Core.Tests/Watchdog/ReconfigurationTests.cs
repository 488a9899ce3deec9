using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using ExoIp.Election;
using ExoIp.Health;
using ExoIp.Protocol;
using ExoIp.Telemetry;
using ExoIp.Watchdog;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ExoIp.Tests.Watchdog;

/// <summary>
/// The core applying a reload (<see cref="Reconfiguration"/>) between two passes: the peer table kept, added to and
/// removed from, the preemption rule and the health checks from the next election on. One core, fed inputs by
/// hand; API calls are never answered (nothing here needs them).
/// </summary>
public class ReconfigurationTests
{
    private static readonly Guid Self = Guid.NewGuid();
    private static readonly IPAddress A = IPAddress.Parse("10.0.0.2");
    private static readonly IPAddress B = IPAddress.Parse("10.0.0.3");
    private static readonly IPAddress C = IPAddress.Parse("10.0.0.4");
    private static readonly IPAddress ElasticIp = IPAddress.Parse("198.51.100.50");
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly Guid _a = Guid.NewGuid();

    private static WatchdogOptions Options(params IPAddress[] peers) => new()
    {
        ElasticIp = ElasticIp,
        InstanceId = Self,
        Peers = peers,
        Priority = 10,
        Interval = Interval,
    };

    private WatchdogCore Core(WatchdogOptions options, bool healthChecked = false)
    {
        var telemetry = new WatchdogTelemetry(options, NullLogger.Instance, () => _time.GetUtcNow(), healthChecked);
        var core = new WatchdogCore(options, new FakeExoscale(_time), _time, () => _time.GetUtcNow(), telemetry, new VerificationWatch(), healthChecked,
            _ => { }, _ => { });
        core.Start(options.Priority);
        core.Step(options.Priority);
        return core;
    }

    // Peer A (priority 20) advertises every interval for this long, a pass after each.
    private void HearA(WatchdogCore core, TimeSpan during)
    {
        for (var end = _time.GetUtcNow() + during; _time.GetUtcNow() < end; _time.Advance(Interval))
        {
            core.Handle(new LoopInput.Advert(new Advertisement(20, ElasticIp, _a), A, _time.GetUtcNow()));
            core.Step(10);
        }
    }

    [Fact]
    public void A_new_peer_list_keeps_the_peers_that_remain_adds_the_new_ones_unheard_and_forgets_the_removed()
    {
        var core = Core(Options(A, B));
        HearA(core, TimeSpan.FromSeconds(2));
        var heardA = Assert.Single(core.Membership.Peers, p => p.Address.Equals(A));
        Assert.True(heardA.IsAlive);

        core.Handle(new LoopInput.Reconfigure(new Reconfiguration(Options(A, C))));
        var step = core.Step(10);

        Assert.Equal(new[] { A, C }, core.Membership.Peers.Select(p => p.Address).OrderBy(a => a.ToString()));
        Assert.Same(heardA, core.Membership.Peers.Single(p => p.Address.Equals(A)));
        Assert.True(heardA.IsAlive);
        Assert.Equal((byte)20, heardA.Priority);
        var added = core.Membership.Peers.Single(p => p.Address.Equals(C));
        Assert.False(added.IsAlive);
        Assert.Null(added.LastSeen);
        Assert.False(core.Membership.IsPeerAddress(B));
        Assert.True(core.Membership.IsPeerAddress(C));
        Assert.Equal(new[] { A, C }, core.Options.Peers);
        // The adverts go to the new list from the next send.
        Assert.Equal(new[] { A, C }, step.Plan!.Peers.OrderBy(a => a.ToString()));
        // An advert from the removed peer is no longer taken.
        core.Handle(new LoopInput.Advert(new Advertisement(5, ElasticIp, Guid.NewGuid()), B, _time.GetUtcNow()));
        Assert.DoesNotContain(core.Membership.Peers, p => p.Address.Equals(B));
    }

    [Fact]
    public void A_preemption_rule_applies_from_the_next_election_and_leaves_with_the_next_reload()
    {
        var core = Core(Options(A));
        core.Handle(new LoopInput.Reconfigure(new Reconfiguration(Options(A) with { NoPreempt = true })));
        HearA(core, Options(A).Timing.HoldOff + Interval + Interval);

        // Better than A, but A is alive and (for all the API has said) may hold the Elastic IP: it defers.
        Assert.Equal(NodeRole.Backup, core.Decisions.Role);
        Assert.Equal((byte)254, core.Advertised(10));
        Assert.True(core.Options.NoPreempt);

        core.Handle(new LoopInput.Reconfigure(new Reconfiguration(Options(A))));
        HearA(core, Interval);
        Assert.Equal((byte)10, core.Advertised(10));
        Assert.Equal(NodeRole.Master, core.Decisions.Role);
    }

    [Fact]
    public void Removing_every_health_check_ends_the_fault_they_caused_and_new_checks_keep_the_verdict_until_they_decide()
    {
        var core = Core(Options(A), healthChecked: true);
        var unhealthy = new HealthTransition(_time.GetUtcNow(), HealthStatus.Unknown, HealthStatus.Unhealthy, "connection refused");
        core.Handle(new LoopInput.HealthChanged(unhealthy));
        HearA(core, Options(A).Timing.HoldOff + Interval + Interval);
        Assert.Equal(NodeRole.Fault, core.Decisions.Role);
        Assert.Equal((byte)255, core.Advertised(10));

        core.Handle(new LoopInput.Reconfigure(new Reconfiguration(Options(A)) { HealthChecks = Array.Empty<IHealthCheck>() }));
        HearA(core, Interval);
        Assert.Equal(NodeRole.Master, core.Decisions.Role);
        Assert.Equal((byte)10, core.Advertised(10));

        // New checks: still healthy (a master stays one) until their first round says otherwise.
        var check = new TcpHealthCheck("127.0.0.1", 1);
        core.Handle(new LoopInput.Reconfigure(new Reconfiguration(Options(A)) { HealthChecks = new IHealthCheck[] { check } }));
        HearA(core, Interval);
        Assert.Equal(NodeRole.Master, core.Decisions.Role);
        core.Handle(new LoopInput.HealthChanged(unhealthy));
        HearA(core, Interval);
        Assert.Equal(NodeRole.Fault, core.Decisions.Role);
    }

    [Fact]
    public void An_invalid_reconfiguration_is_refused_before_it_reaches_the_loop()
    {
        var engine = new WatchdogEngine(Options(A), new FakeExoscale(_time), _time);
        var both = new Reconfiguration(Options(A) with { PeerGroup = "web" });

        var error = Assert.Throws<ArgumentException>(() => engine.Reconfigure(both));
        Assert.Contains("Peers, PeerGroup and InstancePool are exclusive", error.Message);
        Assert.Equal(new[] { A }, engine.Options.Peers);
    }
}
