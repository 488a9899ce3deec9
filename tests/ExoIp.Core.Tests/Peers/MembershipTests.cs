using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using ExoIp.Peers;
using ExoIp.Protocol;
using ExoIp.Watchdog;

namespace ExoIp.Tests.Peers;

/// <summary>Membership on its own: what it accepts, what it reports as changed, how it forgives its own stalls. No loop, no clock.</summary>
public class MembershipTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Guid Self = Guid.NewGuid();
    private static readonly IPAddress A = IPAddress.Parse("10.0.0.2");
    private static readonly IPAddress B = IPAddress.Parse("10.0.0.3");
    private static readonly IPAddress ElasticIp = IPAddress.Parse("198.51.100.50");

    private static WatchdogOptions Options(bool group = false) => new()
    {
        ElasticIp = ElasticIp,
        InstanceId = Self,
        Peers = group ? null : new[] { A, B },
        PeerGroup = group ? "web" : null,
    };

    private static Advertisement Advert(Guid identity, byte priority = 5) => new(priority, ElasticIp, identity);

    // A node whose one peer, A (instance a), was listed in its group, or looked up as a static peer, at `at`.
    private static Membership ListedWithA(WatchdogOptions options, Guid a, DateTimeOffset at)
    {
        var membership = new Membership(options);
        var group = options.PeersListed;
        membership.Start(T0, peersListedLater: group);
        if (group) membership.ApplyListing(new Dictionary<IPAddress, Guid> { [A] = a }, at);
        else membership.ApplyStaticLookup(new[] { new PeerIdentity(A, a) }, Self, at);
        return membership;
    }

    [Fact]
    public void Adverts_from_peers_are_accepted_and_others_dropped_with_their_reason()
    {
        var membership = new Membership(Options());
        membership.Start(T0, peersListedLater: false);
        var a = Guid.NewGuid();

        Assert.True(membership.IsPeerAddress(A));
        Assert.False(membership.IsPeerAddress(IPAddress.Parse("10.0.0.9")));
        Assert.Null(membership.Accept(Advert(a), A, Self, T0));
        Assert.Equal(DatagramDropReason.IdentityMismatch, membership.Accept(Advert(Guid.NewGuid()), A, Self, T0)); // another identity at a known peer
        Assert.Equal(DatagramDropReason.IdentityMismatch, membership.Accept(Advert(Self), B, Self, T0));          // our own identity
        Assert.Equal(DatagramDropReason.UnknownSource, membership.Accept(Advert(a), IPAddress.Parse("10.0.0.9"), Self, T0));
        Assert.Equal(new[] { (MembershipChangeKind.Up, A) }, membership.UpdateLiveness(T0).Select(c => (c.Kind, c.Peer!.Address)));
        Assert.Equal(new[] { (MembershipChangeKind.Down, A) },
            membership.UpdateLiveness(T0 + Options().Timing.DeadAfter + TimeSpan.FromTicks(1)).Select(c => (c.Kind, c.Peer!.Address)));
    }

    [Fact]
    public void A_group_listing_starts_the_hold_off_and_reports_who_joined_and_who_left()
    {
        var membership = new Membership(Options(group: true));
        membership.Start(T0, peersListedLater: true);
        Assert.Null(membership.ListeningSince);
        Assert.True(membership.RefreshDue(T0));
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();

        var first = membership.ApplyListing(new Dictionary<IPAddress, Guid> { [A] = a, [B] = b }, T0 + TimeSpan.FromSeconds(2));
        Assert.Equal(new[] { MembershipChangeKind.Listed, MembershipChangeKind.Joined, MembershipChangeKind.Joined }, first.Select(c => c.Kind));
        Assert.Equal(T0 + TimeSpan.FromSeconds(2), membership.ListeningSince);
        Assert.False(membership.RefreshDue(T0 + TimeSpan.FromSeconds(3)));

        var second = membership.ApplyListing(new Dictionary<IPAddress, Guid> { [A] = a }, T0 + TimeSpan.FromMinutes(6));
        var left = Assert.Single(second);
        Assert.Equal((MembershipChangeKind.Left, B), (left.Kind, left.Peer!.Address));
        Assert.False(membership.IsPeerAddress(B));
        // The departed peer stays in the master's view until the API says it does not hold the Elastic IP.
        Assert.Same(left.Peer, Assert.Single(membership.View.Departed));
        membership.RecordHolding(left.Peer, false, T0 + TimeSpan.FromMinutes(6));
        Assert.Empty(membership.View.Departed);
    }

    [Fact]
    public void Static_peers_are_looked_up_and_this_node_and_the_unknown_are_reported()
    {
        var membership = new Membership(Options());
        membership.Start(T0, peersListedLater: false);

        var changes = membership.ApplyStaticLookup(new[] { new PeerIdentity(A, Self), new PeerIdentity(B, null) }, Self, T0);

        Assert.Equal(new[] { (MembershipChangeKind.Self, A), (MembershipChangeKind.Unresolved, B) }, changes.Select(c => (c.Kind, c.Peer!.Address)));
        Assert.Equal(new[] { B }, membership.Peers.Select(p => p.Address));
        Assert.False(membership.IsPeerAddress(A));
    }

    [Fact]
    public void A_stall_of_this_node_is_not_held_against_its_peers_and_pushes_the_hold_off_on()
    {
        var options = Options();
        var membership = new Membership(options);
        membership.Start(T0, peersListedLater: false);
        membership.Accept(Advert(Guid.NewGuid()), A, Self, T0);
        membership.UpdateLiveness(T0);
        Assert.Null(membership.ExcuseOwnStall(T0, holdingOff: true));

        var woke = T0 + TimeSpan.FromSeconds(10);
        var stall = membership.ExcuseOwnStall(woke, holdingOff: true);

        Assert.Equal(TimeSpan.FromSeconds(9), stall);
        Assert.Equal(T0 + TimeSpan.FromSeconds(9), membership.ListeningSince);
        Assert.Empty(membership.UpdateLiveness(woke)); // still alive: its adverts waited in our socket
    }

    [Fact]
    public void A_holder_at_a_static_peers_address_is_that_peer_before_its_lookup_and_any_other_instance_is_a_stranger()
    {
        var membership = new Membership(Options());
        membership.Start(T0, peersListedLater: false);
        var atA = Guid.NewGuid();
        var elsewhere = Guid.NewGuid();

        // Neither peer looked up yet: A's instance is known by its address alone.
        Assert.False(membership.IsStranger(atA, A, Self));
        Assert.False(membership.IsStranger(Self, null, Self));
        Assert.True(membership.IsStranger(elsewhere, IPAddress.Parse("10.0.0.9"), Self));
        Assert.True(membership.IsStranger(elsewhere, null, Self));
        var strangers = membership.RecordHolders(new[] { (atA, (IPAddress?)A), (elsewhere, (IPAddress?)IPAddress.Parse("10.0.0.9")), (Self, null) }, Self, T0);
        Assert.Equal(new[] { elsewhere }, strangers.Select(p => p.InstanceId!.Value));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_strangers_advert_brings_a_groups_next_listing_forward_to_a_retry_ceiling_after_the_last(bool group) =>
        AssertPromptBringsListingForward(group, o => o.MaxRetryDelay, membership =>
        {
            membership.TakeStrangers(); // nothing heard: nothing moves
            Assert.False(membership.RefreshDue(T0 + TimeSpan.FromSeconds(1) + Options(group).MaxRetryDelay));
            membership.StrangerHeard();
            membership.TakeStrangers();
        });

    // This node lost the address it held as master (its peers may have listed it out), or a running instance that is no
    // peer holds it (one this node has not listed yet): a group's or pool's listing may be out of date.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_listing_in_doubt_brings_a_groups_next_listing_forward_to_a_dead_time_after_the_last(bool group) =>
        AssertPromptBringsListingForward(group, o => o.Timing.DeadAfter, membership => membership.ListingDoubted());

    // Listed at 1 s: after the prompt, a group's next listing is due `gap` after the last, not a tick sooner; static peers
    // are looked up at their refresh whatever prompts it.
    private static void AssertPromptBringsListingForward(bool group, Func<WatchdogOptions, TimeSpan> gap, Action<Membership> prompt)
    {
        var options = Options(group);
        var listedAt = T0 + TimeSpan.FromSeconds(1);
        var membership = ListedWithA(options, Guid.NewGuid(), listedAt);
        var due = listedAt + gap(options);
        Assert.False(membership.RefreshDue(due));

        prompt(membership);

        Assert.Equal(group, membership.RefreshDue(due));
        Assert.False(membership.RefreshDue(due - TimeSpan.FromTicks(1)));
    }

    [Fact]
    public void Back_in_its_group_a_node_has_heard_no_peer_until_one_advertises_again_and_its_peers_may_not_know_it_for_a_while()
    {
        var options = Options(group: true);
        var a = Guid.NewGuid();
        var membership = ListedWithA(options, a, T0);
        var patience = options.MaxRetryDelay + options.Timing.DeadAfter;
        membership.ListedSelf(true, T0);
        Assert.False(membership.MayBeUnknownToPeers(T0)); // at its start it is on its peers' listings already
        membership.Accept(Advert(a), A, Self, T0 + TimeSpan.FromSeconds(1));
        Assert.True(membership.HeardAnyPeer);

        var back = T0 + TimeSpan.FromMinutes(1);
        membership.ListedSelf(false, back - TimeSpan.FromSeconds(20));
        Assert.False(membership.MayBeUnknownToPeers(back));
        membership.ListedSelf(true, back);
        membership.ListedSelf(true, back + TimeSpan.FromSeconds(10)); // still in: counts from when it came back

        Assert.False(membership.HeardAnyPeer);
        Assert.False(membership.HeardSinceBack(a));
        Assert.True(membership.MayBeUnknownToPeers(back + patience - TimeSpan.FromTicks(1)));
        Assert.False(membership.MayBeUnknownToPeers(back + patience));
        membership.Accept(Advert(a), A, Self, back + TimeSpan.FromSeconds(2));
        Assert.True(membership.HeardAnyPeer);
        Assert.True(membership.HeardSinceBack(a));
        Assert.False(membership.HeardSinceBack(Guid.NewGuid()));
    }

    [Theory]
    [InlineData(0.5, true)]   // heard half a dead time before the listing named it again: that peer sends to it, so lists it
    [InlineData(1.01, false)] // heard longer ago: it may have stopped sending when it listed this node out
    public void Back_in_its_group_a_peer_heard_less_than_a_dead_time_before_the_listing_counts_as_heard(double deadTimesBefore, bool heard)
    {
        // A node listed out and back in may have been out only to itself (its listing read in the moment it was out):
        // a peer sends only to the members it lists, and one heard that lately knows it; it is no reason to stay out.
        var options = Options(group: true);
        var a = Guid.NewGuid();
        var membership = ListedWithA(options, a, T0);
        membership.ListedSelf(true, T0);
        var back = T0 + TimeSpan.FromMinutes(1);
        membership.ListedSelf(false, back - TimeSpan.FromSeconds(20));
        membership.Accept(Advert(a), A, Self, back - options.Timing.DeadAfter * deadTimesBefore);

        membership.ListedSelf(true, back);

        Assert.Equal(heard, membership.HeardAnyPeer);
        Assert.Equal(heard, membership.HeardSinceBack(a));
    }

    [Fact]
    public void Out_of_its_group_a_node_lists_it_again_at_a_retry_ceiling_and_back_in_at_the_refresh_interval()
    {
        // Only a listing tells a node in Fault for being out of its group that it is back.
        var options = Options(group: true);
        var membership = ListedWithA(options, Guid.NewGuid(), T0);
        var members = new Dictionary<IPAddress, Guid> { [A] = Guid.NewGuid() };
        var outAt = T0 + TimeSpan.FromMinutes(1);
        membership.ListedSelf(false, outAt);
        membership.ApplyListing(members, outAt);

        Assert.False(membership.RefreshDue(outAt + options.MaxRetryDelay - TimeSpan.FromTicks(1)));
        Assert.True(membership.RefreshDue(outAt + options.MaxRetryDelay));

        var backAt = outAt + options.MaxRetryDelay;
        membership.ListedSelf(true, backAt);
        membership.ApplyListing(members, backAt);
        Assert.False(membership.RefreshDue(backAt + options.PeerRefreshInterval - TimeSpan.FromTicks(1)));
        Assert.True(membership.RefreshDue(backAt + options.PeerRefreshInterval));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_peer_falling_silent_brings_a_groups_next_listing_forward_to_a_dead_time_after_the_last(bool group)
    {
        // It may have left the group, or this node may have (its peers then stop sending to it).
        var options = Options(group);
        var a = Guid.NewGuid();
        var membership = ListedWithA(options, a, T0);
        membership.Accept(Advert(a), A, Self, T0);
        Assert.Single(membership.UpdateLiveness(T0)); // up
        var dead = T0 + options.Timing.DeadAfter + TimeSpan.FromTicks(1);
        Assert.False(membership.RefreshDue(dead));

        Assert.Equal(MembershipChangeKind.Down, Assert.Single(membership.UpdateLiveness(dead)).Kind);

        Assert.Equal(group, membership.RefreshDue(dead));
        Assert.False(membership.RefreshDue(T0 + options.Timing.DeadAfter - TimeSpan.FromTicks(1)));
    }

    [Fact]
    public void A_node_whose_heard_peers_all_left_its_group_is_alone_not_cut_off_from_them()
    {
        var options = Options(group: true);
        var a = Guid.NewGuid();
        var membership = ListedWithA(options, a, T0);
        Assert.False(membership.HeardAnyPeer); // A listed, never heard
        membership.Accept(Advert(a), A, Self, T0);
        Assert.True(membership.HeardAnyPeer);

        membership.ApplyListing(new Dictionary<IPAddress, Guid>(), T0 + TimeSpan.FromSeconds(1));

        Assert.Empty(membership.Peers);
        Assert.True(membership.HeardAnyPeer);
    }
}
