using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using ExoIp.Election;
using ExoIp.Peers;

namespace ExoIp.Tests.Election;

public class ElectorTests
{
    private static readonly ElectionTiming Timing = new(TimeSpan.FromSeconds(1), 3, TimeSpan.FromMilliseconds(100));
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset AfterHoldOff = Start + TimeSpan.FromSeconds(10);

    // Identities whose RFC 4122 byte order disagrees with the mixed-endian Guid.ToByteArray order, so the
    // tests catch a comparison of the wrong bytes.
    private static readonly Guid Low = Guid.Parse("00000001-0000-0000-0000-000000000000");
    private static readonly Guid High = Guid.Parse("00000100-0000-0000-0000-000000000000");

    private static Peer Heard(string address, Guid identity, byte priority, DateTimeOffset at)
    {
        var table = new PeerTable(Timing);
        table.Add(IPAddress.Parse(address));
        var peer = table.Find(IPAddress.Parse(address))!;
        peer.RecordAdvertisement(identity, priority, at);
        return peer;
    }

    private static ElectionVerdict Decide(Guid self, byte priority, DateTimeOffset now, params Peer[] peers) =>
        Elector.Decide(new ElectionCandidate(self, priority), peers, Start, now, Timing);

    [Theory]
    [InlineData(null)] // never heard
    [InlineData(255)]  // last heard unhealthy, or stopping
    [InlineData(254)]  // last heard deferring
    public void A_peer_never_heard_or_last_heard_standing_aside_beats_this_node_only_while_the_api_vouches_for_it(int? lastHeard)
    {
        // It took the Elastic IP from this node beyond a split: its priority is unknown (a priority it stood aside with no
        // longer holds once it took the address), and taking the address back would start the two sides taking turns.
        var peer = lastHeard is { } priority ? Heard("127.0.0.3", High, (byte)priority, Start) : new Peer(IPAddress.Parse("127.0.0.3"), High, Start);

        Assert.Equal(NodeRole.Master, Decide(Low, 1, AfterHoldOff, peer).Role);

        peer.Standing.Listed(silent: true, lostIt: true, AfterHoldOff);
        var verdict = Decide(Low, 1, AfterHoldOff, peer);

        Assert.Equal(NodeRole.Backup, verdict.Role);
        Assert.Equal(ElectionReason.TakenByUnheardPeer, verdict.Reason);
        Assert.Equal(peer.Address, verdict.MasterAddress);
        Assert.Contains("does not hear", verdict.Describe(1));
    }

    [Fact]
    public void A_vouched_for_peer_last_heard_at_a_worse_priority_still_loses_to_this_node()
    {
        var peer = Heard("127.0.0.3", High, 20, Start);
        peer.Standing.Listed(silent: true, lostIt: true, AfterHoldOff);

        Assert.Equal(NodeRole.Master, Decide(Low, 10, AfterHoldOff, peer).Role);
    }

    [Theory]
    // this node: priority then, priority now; the peer's last heard priority; who is master on both sides
    [InlineData(10, 17, 10, "self")]   // this node's priority flipped worse beyond the split: the peer does not know it
    [InlineData(10, 10, 10, "self")]   // the tie-break, as both last saw it
    [InlineData(20, 5, 10, "peer")]    // flipped better: the peer still takes it for 20
    [InlineData(20, 20, 10, "peer")]
    public void Beyond_a_split_both_sides_compare_the_priorities_they_last_exchanged_and_agree(int then, int now, int peerPriority, string master)
    {
        // Low and High heard each other at (then, peerPriority); then the split, and Low's priority became `now`. Each
        // side sees the other vouched for by the API (it took the Elastic IP while silent).
        var high = Heard("127.0.0.3", High, (byte)peerPriority, Start);
        high.PriorityItKnows = (byte)then;
        high.Standing.Listed(silent: true, lostIt: true, AfterHoldOff);
        var low = Heard("127.0.0.2", Low, (byte)then, Start);
        low.PriorityItKnows = (byte)peerPriority;
        low.Standing.Listed(silent: true, lostIt: true, AfterHoldOff);

        var atLow = Decide(Low, (byte)now, AfterHoldOff, high);
        var atHigh = Decide(High, (byte)peerPriority, AfterHoldOff, low);

        Assert.Equal(master == "self" ? NodeRole.Master : NodeRole.Backup, atLow.Role);
        Assert.Equal(master == "self" ? NodeRole.Backup : NodeRole.Master, atHigh.Role);
    }

    [Fact]
    public void A_heard_peer_is_compared_with_this_node_as_it_is_now()
    {
        var peer = Heard("127.0.0.3", High, 10, AfterHoldOff);
        peer.PriorityItKnows = 5; // what it heard of this node once; it hears the current priority now

        Assert.Equal(NodeRole.Backup, Decide(Low, 17, AfterHoldOff, peer).Role);
    }

    [Fact]
    public void Identities_compare_as_rfc4122_bytes_not_as_Guid_ToByteArray()
    {
        Assert.True(High.ToByteArray().AsSpan().SequenceCompareTo(Low.ToByteArray()) < 0,
            "the test identities must disagree with the ToByteArray order");
        Assert.True(ElectionCandidate.CompareIdentities(Low, High) < 0);
        Assert.True(new ElectionCandidate(Low, 10).Beats(new ElectionCandidate(High, 10)));
        Assert.False(new ElectionCandidate(High, 10).Beats(new ElectionCandidate(Low, 10)));
        Assert.True(new ElectionCandidate(High, 9).Beats(new ElectionCandidate(Low, 10)));
        Assert.False(new ElectionCandidate(Low, 10).Beats(new ElectionCandidate(Low, 10)));
    }

    [Fact]
    public void No_verdict_during_the_hold_off_even_when_alone()
    {
        var justBefore = Start + Timing.HoldOff - TimeSpan.FromTicks(1);
        var verdict = Decide(Low, 0, justBefore);
        Assert.Equal(NodeRole.Starting, verdict.Role);
        Assert.Equal(ElectionReason.HoldOff, verdict.Reason);

        var atEnd = Decide(Low, 0, Start + Timing.HoldOff);
        Assert.Equal(NodeRole.Master, atEnd.Role);
        Assert.Equal(ElectionReason.NoLivePeer, atEnd.Reason);
        Assert.Equal(TimeSpan.FromMilliseconds(3100), Timing.HoldOff);
    }

    [Fact]
    public void No_verdict_while_the_peers_are_not_known_however_long_ago_the_node_started()
    {
        // A security group not listed yet: the node has heard no one because it knows no one to hear.
        var verdict = Elector.Decide(new ElectionCandidate(Low, 0), Array.Empty<Peer>(), null, Start + TimeSpan.FromHours(1), Timing);
        Assert.Equal(NodeRole.Starting, verdict.Role);
        Assert.Equal(ElectionReason.HoldOff, verdict.Reason);
    }

    [Fact]
    public void A_better_peer_is_alive_exactly_at_interval_times_ratio_and_dead_just_past_it()
    {
        var seen = AfterHoldOff;
        var better = Heard("10.0.0.2", High, 5, seen);

        var atEdge = Decide(Low, 10, seen + TimeSpan.FromSeconds(3), better);
        Assert.Equal(NodeRole.Backup, atEdge.Role);
        Assert.Equal(ElectionReason.BeatenByPriority, atEdge.Reason);
        Assert.Equal(IPAddress.Parse("10.0.0.2"), atEdge.MasterAddress);

        var pastEdge = Decide(Low, 10, seen + TimeSpan.FromSeconds(3) + TimeSpan.FromTicks(1), better);
        Assert.Equal(NodeRole.Master, pastEdge.Role);
        Assert.Equal(ElectionReason.NoLivePeer, pastEdge.Reason);
    }

    [Fact]
    public void A_peer_never_heard_from_does_not_count()
    {
        var table = new PeerTable(Timing);
        table.Add(IPAddress.Parse("10.0.0.2"), High);
        var verdict = Elector.Decide(new ElectionCandidate(Low, 200), table.Peers, Start, AfterHoldOff, Timing);
        Assert.Equal(NodeRole.Master, verdict.Role);
        Assert.Equal(0, verdict.LivePeers);
    }

    [Fact]
    public void Lowest_priority_wins_against_every_live_peer()
    {
        var peers = new[] { Heard("10.0.0.2", High, 20, AfterHoldOff), Heard("10.0.0.3", Guid.NewGuid(), 30, AfterHoldOff) };
        var verdict = Decide(Low, 10, AfterHoldOff, peers);
        Assert.Equal(NodeRole.Master, verdict.Role);
        Assert.Equal(ElectionReason.BestPriority, verdict.Reason);
        Assert.Equal(2, verdict.LivePeers);

        var beaten = Decide(Low, 25, AfterHoldOff, peers);
        Assert.Equal(NodeRole.Backup, beaten.Role);
        Assert.Equal(IPAddress.Parse("10.0.0.2"), beaten.MasterAddress);
        Assert.Equal(new ElectionCandidate(High, 20), beaten.Master);
    }

    [Fact]
    public void Equal_priorities_give_one_master_that_every_node_agrees_on()
    {
        // Three nodes with the default priority hear each other: each decides from its own view.
        var ids = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        var addresses = new[] { "10.0.0.2", "10.0.0.3", "10.0.0.4" };
        var masters = new List<string>();
        for (var self = 0; self < 3; self++)
        {
            var peers = Enumerable.Range(0, 3).Where(i => i != self)
                .Select(i => Heard(addresses[i], ids[i], 10, AfterHoldOff)).ToArray();
            var verdict = Decide(ids[self], 10, AfterHoldOff, peers);
            if (verdict.Role == NodeRole.Master)
            {
                Assert.Equal(ElectionReason.WonTieBreak, verdict.Reason);
                masters.Add(addresses[self]);
            }
            else
            {
                Assert.Equal(ElectionReason.LostTieBreak, verdict.Reason);
            }
        }
        var expected = addresses[Enumerable.Range(0, 3)
            .OrderBy(i => ids[i], Comparer<Guid>.Create(ElectionCandidate.CompareIdentities)).First()];
        Assert.Equal(new[] { expected }, masters);
    }

    [Fact]
    public void A_better_node_that_returns_preempts_the_master()
    {
        var backup = Heard("10.0.0.3", High, 20, AfterHoldOff);
        Assert.Equal(NodeRole.Master, Decide(Low, 10, AfterHoldOff, backup).Role);

        var returned = Heard("10.0.0.2", Guid.NewGuid(), 5, AfterHoldOff);
        var verdict = Decide(Low, 10, AfterHoldOff, backup, returned);
        Assert.Equal(NodeRole.Backup, verdict.Role);
        Assert.Equal(IPAddress.Parse("10.0.0.2"), verdict.MasterAddress);
    }

    [Fact]
    public void A_priority_change_in_an_advert_moves_mastership()
    {
        var peer = Heard("10.0.0.2", High, 20, AfterHoldOff);
        Assert.Equal(NodeRole.Master, Decide(Low, 10, AfterHoldOff, peer).Role);
        peer.RecordAdvertisement(High, 5, AfterHoldOff + TimeSpan.FromSeconds(1));
        Assert.Equal(NodeRole.Backup, Decide(Low, 10, AfterHoldOff + TimeSpan.FromSeconds(1), peer).Role);
        // ... and this node's own priority change too (255: a stopping node).
        Assert.Equal(NodeRole.Backup, Decide(Low, 255, AfterHoldOff + TimeSpan.FromSeconds(1), Heard("10.0.0.2", High, 254, AfterHoldOff)).Role);
    }

    [Fact]
    public void A_peer_that_leaves_the_security_group_leaves_the_election()
    {
        var table = new PeerTable(Timing);
        var better = IPAddress.Parse("10.0.0.2");
        table.Replace(new Dictionary<IPAddress, Guid> { [better] = High, [IPAddress.Parse("10.0.0.3")] = Guid.NewGuid() }, Start);
        table.Find(better)!.RecordAdvertisement(High, 1, AfterHoldOff);
        Assert.Equal(NodeRole.Backup, Elector.Decide(new ElectionCandidate(Low, 10), table.Peers, Start, AfterHoldOff, Timing).Role);

        var (_, removed) = table.Replace(new Dictionary<IPAddress, Guid> { [IPAddress.Parse("10.0.0.3")] = Guid.NewGuid() }, AfterHoldOff);
        Assert.Equal(better, Assert.Single(removed).Address);
        var verdict = Elector.Decide(new ElectionCandidate(Low, 10), table.Peers, Start, AfterHoldOff, Timing);
        Assert.Equal(NodeRole.Master, verdict.Role);
        Assert.Equal(ElectionReason.NoLivePeer, verdict.Reason);
    }

    [Fact]
    public void Verdicts_explain_themselves()
    {
        var peer = Heard("10.0.0.2", High, 5, AfterHoldOff);
        Assert.Equal("backup: 10.0.0.2 has priority 5, better than 10", Decide(Low, 10, AfterHoldOff, peer).Describe(10));
        Assert.Equal("master: no live peer", Decide(Low, 10, AfterHoldOff).Describe(10));
    }
}
