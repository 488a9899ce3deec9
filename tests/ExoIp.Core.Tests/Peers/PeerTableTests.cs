using System;
using System.Collections.Generic;
using System.Net;
using ExoIp.Election;
using ExoIp.Peers;

namespace ExoIp.Tests.Peers;

public class PeerTableTests
{
    private static readonly ElectionTiming Timing = new(TimeSpan.FromMilliseconds(500), 2, TimeSpan.Zero);
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly IPAddress A = IPAddress.Parse("10.0.0.2");
    private static readonly IPAddress B = IPAddress.Parse("10.0.0.3");

    [Fact]
    public void Peers_start_dead_and_liveness_changes_are_reported_once()
    {
        var table = new PeerTable(Timing);
        Assert.True(table.Add(A));
        Assert.False(table.Add(A));
        var peer = table.Find(A)!;
        Assert.False(peer.IsAlive);
        Assert.Empty(table.UpdateLiveness(T0));
        Assert.Null(table.NextExpiry());

        var id = Guid.NewGuid();
        peer.RecordAdvertisement(id, 7, T0);
        Assert.Equal(id, peer.InstanceId);
        Assert.False(peer.InstanceIdFromApi);
        Assert.Same(peer, Assert.Single(table.UpdateLiveness(T0)));
        Assert.True(peer.IsAlive);
        Assert.Empty(table.UpdateLiveness(T0 + Timing.DeadAfter));
        Assert.Equal(T0 + TimeSpan.FromSeconds(1), table.NextExpiry());

        Assert.Same(peer, Assert.Single(table.UpdateLiveness(T0 + Timing.DeadAfter + TimeSpan.FromTicks(1))));
        Assert.False(peer.IsAlive);
        Assert.Null(table.NextExpiry());
    }

    [Theory]
    // gaps between the peer's adverts (ms)   silence after the last (ms)   alive
    [InlineData(new[] { 500, 500 }, 1000, true)]           // its cadence is ours: dead after interval × ratio (1 s)
    [InlineData(new[] { 500, 500 }, 1001, false)]
    [InlineData(new[] { 2000, 2000 }, 3999, true)]         // it advertises every 2 s: dead only after 2 s × ratio
    [InlineData(new[] { 2000, 2000 }, 4001, false)]
    [InlineData(new[] { 500, 2000, 500 }, 1001, false)]    // the middle gap is its cadence: a pause only lengthens one
    [InlineData(new[] { 2000, 100, 1900, 2000 }, 3999, true)] // and an advert sent at once on a change only shortens one
    [InlineData(new[] { 3000 }, 5999, true)]               // one long gap already counts: a slow peer is not declared dead in between
    public void A_peer_that_advertises_less_often_than_this_node_is_dead_only_after_its_own_cadence_times_the_ratio(int[] gaps, int silence, bool alive)
    {
        var table = new PeerTable(Timing);
        table.Add(A);
        var peer = table.Find(A)!;
        var at = T0;
        peer.RecordAdvertisement(Guid.NewGuid(), 7, at);
        foreach (var gap in gaps) peer.RecordAdvertisement(peer.InstanceId!.Value, 7, at += TimeSpan.FromMilliseconds(gap));

        table.UpdateLiveness(at);

        Assert.Equal(alive, peer.IsAliveAt(at + TimeSpan.FromMilliseconds(silence), Timing));
        Assert.Equal(at + peer.DeadAfter(Timing), table.NextExpiry());
    }

    [Theory]
    // gaps between the peer's adverts (ms), the last one the advert judged   ahead of its cadence
    [InlineData(new[] { 1000, 1000, 400 }, true)]    // sent at once on a change: well ahead of the 1 s cadence
    [InlineData(new[] { 1000, 1000, 600 }, false)]   // a little early (jitter, a late one before it): not a sign
    [InlineData(new[] { 1000, 1000, 1000 }, false)]
    [InlineData(new[] { 400 }, false)]               // no cadence known yet: nothing is ahead of it
    public void An_advert_well_ahead_of_the_peers_cadence_says_it_changed_something(int[] gaps, bool early)
    {
        var table = new PeerTable(Timing);
        table.Add(A);
        var peer = table.Find(A)!;
        var at = T0;
        peer.RecordAdvertisement(Guid.NewGuid(), 7, at);
        var last = false;
        foreach (var gap in gaps) last = peer.RecordAdvertisement(peer.InstanceId!.Value, 7, at += TimeSpan.FromMilliseconds(gap));

        Assert.Equal(early, last);
    }

    [Fact]
    public void The_api_instance_id_replaces_one_learned_from_an_advert_and_forgets_its_holding()
    {
        var table = new PeerTable(Timing);
        table.Add(A);
        var peer = table.Find(A)!;
        peer.RecordAdvertisement(Guid.NewGuid(), 7, T0);
        peer.HoldsElasticIp = true;
        var real = Guid.NewGuid();
        Assert.True(peer.ConfirmInstanceId(real));
        Assert.Equal(real, peer.InstanceId);
        Assert.True(peer.InstanceIdFromApi);
        Assert.Null(peer.HoldsElasticIp);
        Assert.False(peer.ConfirmInstanceId(real));
        // Later adverts do not change an identity the API gave.
        peer.RecordAdvertisement(Guid.NewGuid(), 7, T0);
        Assert.Equal(real, peer.InstanceId);
    }

    [Fact]
    public void Replace_adds_and_removes_members_and_keeps_the_history_of_those_that_stay()
    {
        var table = new PeerTable(Timing);
        var idA = Guid.NewGuid();
        var (added, removed) = table.Replace(new Dictionary<IPAddress, Guid> { [A] = idA }, T0);
        Assert.Equal(A, Assert.Single(added).Address);
        Assert.Empty(removed);
        table.Find(A)!.RecordAdvertisement(idA, 3, T0);

        var idB = Guid.NewGuid();
        var later = T0 + TimeSpan.FromSeconds(5);
        (added, removed) = table.Replace(new Dictionary<IPAddress, Guid> { [A] = idA, [B] = idB }, later);
        Assert.Equal(B, Assert.Single(added).Address);
        Assert.Empty(removed);
        Assert.Equal(T0, table.Find(A)!.LastSeen);
        Assert.Equal(T0, table.Find(A)!.ListedAt);
        Assert.Equal(idB, table.Find(B)!.InstanceId);
        Assert.Equal(later, table.Find(B)!.ListedAt);
        Assert.Null(table.Find(B)!.LastSeen);

        (added, removed) = table.Replace(new Dictionary<IPAddress, Guid> { [B] = idB }, later);
        Assert.Empty(added);
        Assert.Equal(A, Assert.Single(removed).Address);
        Assert.Null(table.Find(A));
        Assert.Single(table.Peers);
    }
}
