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
/// that changed something, the peer dead or not to this node), <c>seen holding</c>, <c>listed silent</c> /
/// <c>listed silent lost</c> / <c>listed alive lost</c> (a split watch's listing names it; <c>lost</c>: this node
/// believed it held the address and is not listed), <c>not listed</c>.
/// </summary>
public class ApiStandingTests
{
    public static TheoryData<string, string[], string, bool, bool> Cases => new()
    {
        // why, the steps, then the silent standing, vouched for, revoked
        { "a fresh peer: nothing beyond its adverts", new string[0], "Unremarked", false, false },
        { "a silent peer listed holding what this node lost: alive by the API's word", new[] { "listed silent lost" }, "Vouched", true, false },
        { "a silent peer that merely still holds it may be dead with it", new[] { "listed silent" }, "Unremarked", false, false },
        { "a live peer listed is heard already: the listing vouches nothing", new[] { "listed alive lost" }, "Unremarked", false, false },
        { "detached while silent: nothing yet", new[] { "detached dead" }, "DetachedWhileSilent", false, false },
        { "detached while silent, then listed holding it: it took it back, so it runs", new[] { "detached dead", "listed silent" }, "VouchedAfterDetach", true, false },
        { "vouched for, then not listed: silent again", new[] { "listed silent lost", "not listed" }, "Unremarked", false, false },
        { "vouched after a detach, then not listed: still detached while silent", new[] { "detached dead", "listed silent", "not listed" }, "DetachedWhileSilent", false, false },
        { "... so listed again it runs, without this node losing anything", new[] { "detached dead", "listed silent", "not listed", "listed silent" }, "VouchedAfterDetach", true, false },
        { "vouched for, then detached while still counted dead: vouched after a detach", new[] { "listed silent lost", "detached dead" }, "VouchedAfterDetach", true, false },
        { "vouched for and listed again while counted alive: still vouched", new[] { "listed silent lost", "listed alive lost" }, "Vouched", true, false },
        { "heard: what the API showed during the silence no longer says anything", new[] { "detached dead", "listed silent", "heard" }, "Unremarked", false, false },
        { "heard after a detach while silent: a later listing needs a loss again", new[] { "detached dead", "heard", "listed silent" }, "Unremarked", false, false },
        { "detached while alive: it believes it still holds the address", new[] { "detached alive" }, "Unremarked", false, true },
        { "revoked, then seen holding it: it knows it holds it", new[] { "detached alive", "seen holding" }, "Unremarked", false, false },
        { "revoked survives its adverts (heard again is the point)", new[] { "detached alive", "heard" }, "Unremarked", false, true },
        { "revoked survives not being listed", new[] { "detached alive", "not listed" }, "Unremarked", false, true },
        { "revoked, then detached while silent: both", new[] { "detached alive", "detached dead" }, "DetachedWhileSilent", false, true },
        { "vouched for, then detached while alive: both (a vouched peer counts alive)", new[] { "listed silent lost", "detached alive" }, "Vouched", true, true },
        { "all three: revoked, detached while silent, listed holding it", new[] { "detached alive", "detached dead", "listed silent" }, "VouchedAfterDetach", true, true },
        { "seen holding leaves the silence alone", new[] { "listed silent lost", "seen holding" }, "Vouched", true, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Transitions(string why, string[] steps, string silence, bool vouched, bool revoked)
    {
        var standing = new ApiStanding();
        foreach (var step in steps) Apply(standing, step);

        Assert.True(silence == standing.Silence.ToString(), $"{why}: silence {standing.Silence}, expected {silence}");
        Assert.True(vouched == standing.Vouched, $"{why}: vouched {standing.Vouched}");
        Assert.True(revoked == standing.Revoked, $"{why}: revoked {standing.Revoked}");
    }

    private static void Apply(ApiStanding standing, string step)
    {
        switch (step)
        {
            case "heard": standing.Heard(); break;
            case "detached dead": standing.DetachedFromIt(dead: true); break;
            case "detached alive": standing.DetachedFromIt(dead: false); break;
            case "seen holding": standing.SeenHolding(); break;
            case "listed silent": standing.Listed(silent: true, lostIt: false); break;
            case "listed silent lost": standing.Listed(silent: true, lostIt: true); break;
            case "listed alive lost": standing.Listed(silent: false, lostIt: true); break;
            case "not listed": standing.NotListed(); break;
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

        membership.Vouch(new[] { AId }, lostIt: true);

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
        membership.Vouch(new[] { AId }, lostIt: true);
        Assert.True(peer.Standing.Vouched);

        membership.Vouch(Array.Empty<Guid>(), lostIt: false);

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

        membership.RecordHolding(peer, false);
        Assert.True(peer.Standing.Revoked);
        membership.RecordHolding(peer, null);
        Assert.True(peer.Standing.Revoked);
        membership.RecordHolding(peer, true);
        Assert.False(peer.Standing.Revoked);
    }
}
