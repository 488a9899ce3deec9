using System;
using System.Linq;
using System.Net;
using ExoIp.Election;
using ExoIp.Peers;
using ExoIp.Protocol;
using ExoIp.Watchdog;

namespace ExoIp.Tests.Watchdog;

/// <summary>
/// <see cref="SplitWatch"/> over a real <see cref="Membership"/>: this node and its peer A, 1 s × 3 (A dead after 3 s of
/// silence), an API timeout of 2 s, so a watch lasts 3 + 2 + 2 = 7 s from its start.
/// </summary>
public class SplitWatchTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Self = Guid.Parse("00000001-0000-0000-0000-000000000000");
    private static readonly Guid AId = Guid.Parse("0000000a-0000-0000-0000-000000000000");
    private static readonly IPAddress A = IPAddress.Parse("10.0.0.3");
    private static readonly IPAddress ElasticIp = IPAddress.Parse("198.51.100.50");

    private static readonly WatchdogOptions Options = new()
    {
        ElasticIp = ElasticIp, InstanceId = Self, Peers = new[] { A }, ApiTimeout = TimeSpan.FromSeconds(2),
    };

    private static DateTimeOffset At(double seconds) => T0 + TimeSpan.FromSeconds(seconds);

    private static (SplitWatch Watch, Membership Membership) Bed()
    {
        var membership = new Membership(Options);
        membership.Start(T0, peersListedLater: false);
        return (new SplitWatch(Options, membership), membership);
    }

    private static void Hear(Membership membership, double seconds)
    {
        Assert.Null(membership.Accept(new Advertisement(20, ElasticIp, AId), A, Self, At(seconds)));
        membership.UpdateLiveness(At(seconds));
    }

    [Theory]
    [InlineData(NodeRole.Master, true)]
    [InlineData(NodeRole.Backup, false)]
    [InlineData(NodeRole.Fault, false)]
    [InlineData(NodeRole.Starting, false)]
    public void Only_a_master_that_hears_no_peer_watches_for_as_long_as_it_hears_none(NodeRole role, bool watches)
    {
        var (watch, membership) = Bed();

        Assert.Equal(watches, watch.IsOn(At(100), role));
        Hear(membership, 100);
        Assert.False(watch.IsOn(At(100), role));
    }

    [Fact]
    public void A_backup_watches_while_a_silent_peer_is_alive_only_by_the_apis_word()
    {
        // A vouched-for peer counts alive while it holds the Elastic IP; only a listing without it says it let go, and a
        // backup deferring to it would otherwise wait for ever with nobody holding the address.
        var (watch, membership) = Bed();
        Hear(membership, 0);
        membership.UpdateLiveness(At(10)); // silent: dead
        Assert.False(watch.IsOn(At(10), NodeRole.Backup));

        membership.Vouch(new[] { AId }, lostIt: true, At(10));

        Assert.True(watch.IsOn(At(10), NodeRole.Backup));
        Assert.False(watch.IsOn(At(10), NodeRole.Fault));
        membership.Vouch(Array.Empty<Guid>(), lostIt: false, At(11)); // listed without it: silent again
        Assert.False(watch.IsOn(At(11), NodeRole.Backup));
    }

    [Fact]
    public void A_node_with_no_peer_at_all_does_not_watch()
    {
        var membership = new Membership(Options with { Peers = Array.Empty<IPAddress>() });
        var watch = new SplitWatch(Options, membership);

        Assert.False(watch.IsOn(T0, NodeRole.Master));
        Assert.Null(watch.NextListingAt(T0, NodeRole.Master));
    }

    [Fact]
    public void A_peer_falling_silent_starts_a_watch_that_lasts_a_dead_time_and_two_api_timeouts_even_once_another_is_heard()
    {
        var (watch, membership) = Bed();
        Hear(membership, 0);
        Assert.False(watch.IsOn(At(1), NodeRole.Master));

        watch.PeerFellSilent(At(3));
        Hear(membership, 4); // heard again: the watch goes on regardless

        Assert.True(watch.IsOn(At(4), NodeRole.Master));
        Assert.True(watch.IsOn(At(9.999), NodeRole.Master));
        Assert.False(watch.IsOn(At(9.999), NodeRole.Backup));
        Assert.False(watch.IsOn(At(10), NodeRole.Master));
        Assert.Null(watch.NextListingAt(At(10), NodeRole.Master));
    }

    [Fact]
    public void An_early_advert_starts_a_watch_once()
    {
        var (watch, membership) = Bed();
        Hear(membership, 0);
        Hear(membership, 1);
        Hear(membership, 2); // A's cadence: 1 s
        watch.OnPrompt(At(2));
        Assert.False(watch.IsOn(At(2), NodeRole.Master));

        Hear(membership, 2.2); // well ahead of its cadence: A changed something (it may have become master)
        Assert.Equal(At(2.2), membership.LastPromptAt);
        watch.OnPrompt(At(2.5));
        Assert.True(watch.IsOn(At(9.499), NodeRole.Master));

        Hear(membership, 3.2);
        watch.OnPrompt(At(9)); // the same early advert does not extend the watch
        Assert.False(watch.IsOn(At(9.5), NodeRole.Master));
    }

    [Fact]
    public void A_watching_master_lists_at_once_then_every_interval_and_wakes_for_it()
    {
        var (watch, _) = Bed();

        Assert.True(watch.ListingDue(At(5), NodeRole.Master));
        Assert.Equal(At(6), watch.NextListingAt(At(5), NodeRole.Master)); // a listing refused now (its slot busy) is tried an interval later
        watch.Listed(At(5));

        Assert.False(watch.ListingDue(At(5.999), NodeRole.Master));
        Assert.Equal(At(6), watch.NextListingAt(At(5.5), NodeRole.Master));
        Assert.True(watch.ListingDue(At(6), NodeRole.Master));
        Assert.False(watch.ListingDue(At(6), NodeRole.Backup));
        Assert.Null(watch.NextListingAt(At(5.5), NodeRole.Backup));
    }
}
