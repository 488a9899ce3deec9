using System;
using System.Linq;
using System.Net;
using ExoIp.Peers;
using ExoIp.Protocol;
using ExoIp.Watchdog;

namespace ExoIp.Tests.Peers;

/// <summary>
/// <see cref="ApiStanding"/> transition by transition: from a fresh peer, the steps in order, then what this node
/// believes of the peer beyond its adverts. Steps: <c>heard</c>, <c>detached dead</c> / <c>detached alive</c> (a detach
/// that changed something, the peer dead or not to this node), <c>seen holding</c>, <c>seen without</c> (a check, the
/// peer silent), <c>listed silent</c> / <c>listed silent lost</c> / <c>listed alive lost</c> (a split watch's listing
/// names it; <c>lost</c>: this node believed it held the address and is not listed), <c>not listed silent</c> /
/// <c>not listed heard</c>, <c>self lost</c> (this node found without the address). Each step comes a second after the
/// one before; <c>took</c> is the step (1-based) at which the peer was seen taking the address beside this node, 0 for none.
/// </summary>
public class ApiStandingTests
{
    public static TheoryData<string, string[], string, bool, bool, int> Cases => new()
    {
        // why, the steps, then the silent standing, vouched for, revoked, took
        { "a fresh peer: nothing beyond its adverts", new string[0], "Unremarked", false, false, 0 },
        { "a silent peer listed holding what this node lost: alive by the API's word", new[] { "listed silent lost" }, "Vouched", true, false, 0 },
        { "a silent peer that merely still holds it may be dead with it", new[] { "listed silent" }, "Unremarked", false, false, 0 },
        { "a live peer listed is heard already: the listing vouches nothing", new[] { "listed alive lost" }, "Unremarked", false, false, 0 },
        { "detached while silent: nothing yet", new[] { "detached dead" }, "DetachedWhileSilent", false, false, 0 },
        { "detached while silent, then listed holding it: it took it back, so it runs", new[] { "detached dead", "listed silent" }, "VouchedAfterDetach", true, false, 0 },
        { "vouched for, then not listed: silent again, and seen without the address", new[] { "listed silent lost", "not listed silent" }, "SeenWithout", false, false, 0 },
        { "not listed while heard: nothing to remember", new[] { "not listed heard" }, "Unremarked", false, false, 0 },
        { "listed without the address while silent, then with it: it took it beside this node, so it runs", new[] { "not listed silent", "listed silent" }, "Vouched", true, false, 2 },
        { "a check without it, then one with it: the same", new[] { "seen without", "seen holding" }, "Vouched", true, false, 2 },
        { "seen holding with nothing seen before: it may be dead with it", new[] { "seen holding" }, "Unremarked", false, false, 0 },
        { "the taker's detach of this node is over once this node is found without the address", new[] { "not listed silent", "listed silent", "self lost" }, "Vouched", true, false, 0 },
        { "a taker heard again: nothing the API showed says anything", new[] { "not listed silent", "listed silent", "heard" }, "Unremarked", false, false, 0 },
        { "seen without, then listed holding what this node lost: it took it from this node, no detach pending", new[] { "not listed silent", "listed silent lost" }, "Vouched", true, false, 0 },
        { "a taker this node then detaches while silent: still the taker", new[] { "not listed silent", "listed silent", "detached dead" }, "VouchedAfterDetach", true, false, 2 },
        { "vouched after a detach, then not listed: still detached while silent", new[] { "detached dead", "listed silent", "not listed silent" }, "DetachedWhileSilent", false, false, 0 },
        { "... so listed again it runs, without this node losing anything", new[] { "detached dead", "listed silent", "not listed silent", "listed silent" }, "VouchedAfterDetach", true, false, 0 },
        { "vouched for, then detached while still counted dead: vouched after a detach", new[] { "listed silent lost", "detached dead" }, "VouchedAfterDetach", true, false, 0 },
        { "vouched for and listed again while counted alive: still vouched", new[] { "listed silent lost", "listed alive lost" }, "Vouched", true, false, 0 },
        { "heard: what the API showed during the silence no longer says anything", new[] { "detached dead", "listed silent", "heard" }, "Unremarked", false, false, 0 },
        { "heard after a detach while silent: a later listing needs a loss again", new[] { "detached dead", "heard", "listed silent" }, "Unremarked", false, false, 0 },
        { "detached while alive: it believes it still holds the address", new[] { "detached alive" }, "Unremarked", false, true, 0 },
        { "revoked, then seen holding it: it knows it holds it", new[] { "detached alive", "seen holding" }, "Unremarked", false, false, 0 },
        { "revoked survives its adverts (heard again is the point)", new[] { "detached alive", "heard" }, "Unremarked", false, true, 0 },
        { "revoked survives not being listed", new[] { "detached alive", "not listed heard" }, "Unremarked", false, true, 0 },
        { "revoked, then detached while silent: both", new[] { "detached alive", "detached dead" }, "DetachedWhileSilent", false, true, 0 },
        { "vouched for, then detached while alive: both (a vouched peer counts alive)", new[] { "listed silent lost", "detached alive" }, "Vouched", true, true, 0 },
        { "all three: revoked, detached while silent, listed holding it", new[] { "detached alive", "detached dead", "listed silent" }, "VouchedAfterDetach", true, true, 0 },
        { "seen holding leaves the silence alone", new[] { "listed silent lost", "seen holding" }, "Vouched", true, false, 0 },
        { "seen without after a detach while silent: still detached while silent", new[] { "detached dead", "seen without" }, "DetachedWhileSilent", false, false, 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Transitions(string why, string[] steps, string silence, bool vouched, bool revoked, int took)
    {
        var standing = new ApiStanding();
        for (var i = 0; i < steps.Length; i++) Apply(standing, steps[i], T0 + TimeSpan.FromSeconds(i + 1));

        Assert.True(silence == standing.Silence.ToString(), $"{why}: silence {standing.Silence}, expected {silence}");
        Assert.True(vouched == standing.Vouched, $"{why}: vouched {standing.Vouched}");
        Assert.True(revoked == standing.Revoked, $"{why}: revoked {standing.Revoked}");
        Assert.True((took == 0 ? null : T0 + TimeSpan.FromSeconds(took)) == standing.TookAt, $"{why}: took at {standing.TookAt}");
    }

    private static void Apply(ApiStanding standing, string step, DateTimeOffset at)
    {
        switch (step)
        {
            case "heard": standing.Heard(); break;
            case "detached dead": standing.DetachedFromIt(dead: true); break;
            case "detached alive": standing.DetachedFromIt(dead: false); break;
            case "seen holding": standing.SeenHolding(at); break;
            case "seen without": standing.SeenWithoutWhileSilent(); break;
            case "listed silent": standing.Listed(silent: true, lostIt: false, at); break;
            case "listed silent lost": standing.Listed(silent: true, lostIt: true, at); break;
            case "listed alive lost": standing.Listed(silent: false, lostIt: true, at); break;
            case "not listed silent": standing.NotListed(silent: true); break;
            case "not listed heard": standing.NotListed(silent: false); break;
            case "self lost": standing.SelfLost(); break;
            default: throw new ArgumentException($"unknown step '{step}'", nameof(step));
        }
    }

    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Self = Guid.Parse("00000001-0000-0000-0000-000000000000");
    private static readonly Guid AId = Guid.Parse("0000000a-0000-0000-0000-000000000000");
    private static readonly IPAddress A = IPAddress.Parse("10.0.0.3");
    private static readonly IPAddress ElasticIp = IPAddress.Parse("198.51.100.50");
    private static readonly WatchdogOptions Options = new() { ElasticIp = ElasticIp, InstanceId = Self, Peers = new[] { A } };

    [Fact]
    public void A_peer_the_api_vouches_for_is_alive_and_holding_no_longer_revoked_until_its_next_advert_ends_the_vouching()
    {
        var membership = new Membership(Options);
        membership.Start(T0, peersListedLater: false);
        Assert.Null(membership.Accept(new Advertisement(20, ElasticIp, AId), A, Self, T0));
        membership.UpdateLiveness(T0);
        var peer = membership.Peers.Single();
        peer.Standing.DetachedFromIt(dead: false);
        var silent = T0 + Options.Timing.DeadAfter + TimeSpan.FromSeconds(1);
        Assert.Equal(MembershipChangeKind.Down, membership.UpdateLiveness(silent).Single().Kind);

        membership.Vouch(new[] { AId }, lostIt: true, T0);

        Assert.True(peer.Standing.Vouched);
        Assert.True(peer.HoldsElasticIp);
        Assert.False(peer.Standing.Revoked); // listed holding the address it took: it knows it holds it
        Assert.True(peer.IsAliveAt(silent + TimeSpan.FromMinutes(5), Options.Timing));
        Assert.Equal(MembershipChangeKind.Up, membership.UpdateLiveness(silent).Single().Kind);
        Assert.Null(membership.NextDeadline(holdingOff: false)); // alive by the API's word: no silence makes it dead
        Assert.False(membership.View.AnyHeard());

        Assert.Null(membership.Accept(new Advertisement(20, ElasticIp, AId), A, Self, silent));

        Assert.Equal(SilentStanding.Unremarked, peer.Standing.Silence);
        Assert.False(peer.Standing.Revoked);
        Assert.False(peer.IsAliveAt(silent + peer.DeadAfter(Options.Timing) + TimeSpan.FromTicks(1), Options.Timing));
    }

    [Fact]
    public void A_listing_without_a_vouched_peer_makes_it_silent_again_and_the_apis_holding_stays_as_it_was()
    {
        var membership = new Membership(Options);
        membership.Start(T0, peersListedLater: false);
        membership.ApplyStaticLookup(new[] { new PeerIdentity(A, AId) }, Self, T0);
        var peer = membership.Peers.Single();
        membership.Vouch(new[] { AId }, lostIt: true, T0);
        Assert.True(peer.Standing.Vouched);

        membership.Vouch(Array.Empty<Guid>(), lostIt: false, T0);

        Assert.False(peer.Standing.Vouched);
        Assert.True(peer.HoldsElasticIp); // what the API said of its holding is checked by the master, not dropped here
        Assert.False(peer.IsAliveAt(T0, Options.Timing));
    }

    [Fact]
    public void Seen_holding_by_a_check_ends_the_revocation_and_not_holding_does_not()
    {
        var membership = new Membership(Options);
        var peer = membership.Peers.Single();
        peer.Standing.DetachedFromIt(dead: false);

        membership.RecordHolding(peer, false, T0);
        Assert.True(peer.Standing.Revoked);
        membership.RecordHolding(peer, null, T0);
        Assert.True(peer.Standing.Revoked);
        membership.RecordHolding(peer, true, T0);
        Assert.False(peer.Standing.Revoked);
    }
}
