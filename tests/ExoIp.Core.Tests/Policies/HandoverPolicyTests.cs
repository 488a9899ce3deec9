using System;
using ExoIp.Execution.Commands;
using ExoIp.Holding;
using ExoIp.Policies;
using static ExoIp.Tests.Policies.PolicyTable;

namespace ExoIp.Tests.Policies;

/// <summary>A backup, and the handover of a node that holds the Elastic IP while another is master.</summary>
public class HandoverPolicyTests
{
    private static readonly TimeSpan Interval = Options.Interval;

    [Theory]
    [InlineData("unknown", "CheckSelf")]             // find out first
    [InlineData("not", "")]                          // a backup without the Elastic IP does nothing
    [InlineData("holding", "CheckPeer(10.0.0.3), CheckSelf")]  // holding it: watch the master until it holds it, and itself
    public void A_backup_checks_itself_and_hands_over_what_it_holds(string belief, string expected)
    {
        var master = Peer("alive-unknown");

        var decision = BackupPolicy.Decide(Belief(belief), Context(View(new[] { master }), master));

        Assert.Equal(expected, Names(decision));
        Assert.Equal(belief == "holding", decision.State.Handover is not null);
    }

    // successor holds  attached-for  now − start (s)  listed  expected
    [Theory]
    [InlineData(null, false, 0.5, true, "")]                                       // the watch is not due
    [InlineData(false, false, 1.0, true, "CheckPeer(10.0.0.3), CheckSelf")]       // due: the successor, and whether it let this node go
    [InlineData(false, false, 13.4, true, "AttachForSuccessor(10.0.0.3)")]        // past the time set for it: attach for it
    [InlineData(true, false, 1.0, true, "DetachSelf")]                             // it holds it: let go now
    [InlineData(true, true, 1.0, true, "DetachSelf")]                              // this node attached it: let go at once
    [InlineData(true, false, 1.0, false, "RefreshPeers, CheckPeer(10.0.0.3), CheckSelf")]   // a group's member not listed since: keep it, ask, watch
    [InlineData(false, false, 13.4, false, "RefreshPeers, CheckPeer(10.0.0.3), CheckSelf")] // nor attach it for one that may be out of the group
    [InlineData(true, false, 0.5, false, "RefreshPeers")]                                   // between looks, it still asks
    public void The_handover_watches_the_successor_and_itself_then_lets_go(bool? successorHolds, bool attached, double after, bool listed, string expected)
    {
        var master = Peer("alive-unknown");
        var start = Now;
        var handover = new Handover(master.Address, successorHolds, 1, start + Interval, start + Options.Timing.HoldOff + TimeSpan.FromSeconds(10), attached, listed, start);
        var state = Belief("holding") with { Handover = handover };

        var decision = HandoverPolicy.Decide(state, master, Context(View(new[] { master }), master, start + TimeSpan.FromSeconds(after)));

        Assert.Equal(expected, Names(decision));
    }

    [Theory]
    [InlineData(false, true)] // static peers: the list is the configuration, nothing to confirm
    [InlineData(true, false)] // a group or pool: a listing asked for from now on must name the successor
    public void A_handover_to_a_group_member_waits_for_a_listing_that_names_it(bool listedPeers, bool successorListed)
    {
        var master = Peer("alive-unknown");
        var options = listedPeers ? Options with { Peers = null, PeerGroup = "lb" } : Options;

        var decision = HandoverPolicy.Decide(Belief("holding"), master, Context(View(new[] { master }), master) with { Options = options });

        var handover = decision.State.Handover!;
        Assert.Equal((successorListed, Now), (handover.SuccessorListed, handover.Began));
        Assert.Equal(successorListed ? "CheckPeer(10.0.0.3), CheckSelf" : "RefreshPeers, CheckPeer(10.0.0.3), CheckSelf", Names(decision));
    }

    [Fact]
    public void A_new_master_starts_a_new_handover()
    {
        var old = Peer("alive-unknown", 4);
        var master = Peer("alive-unknown");
        var state = Belief("holding") with { Handover = new Handover(old.Address, true, 3, Now, Now, true, true, Now) };

        var decision = HandoverPolicy.Decide(state, master, Context(View(new[] { old, master }), master));

        Assert.Equal("CheckPeer(10.0.0.3), CheckSelf", Names(decision));
        Assert.Equal((master.Address, (bool?)null), (decision.State.Handover!.Successor, decision.State.Handover.SuccessorHolds));
        // A master that lacks the Elastic IP attaches it within an API action: a hold-off later, this node does it for it.
        Assert.Equal(Now + Options.Timing.HoldOff, decision.State.Handover.AttachForSuccessorAt);
    }

    [Theory]
    [InlineData(false, 0, 0.0, 1.0)]    // the first look: the next an interval later
    [InlineData(false, 3, 0.0, 1.0)]    // every interval until this node would attach for the successor
    [InlineData(false, 3, 90.0, 8.0)]   // past it, back off, doubling
    [InlineData(false, 10, 90.0, 30.0)] // to the retry ceiling
    [InlineData(true, 10, 90.0, 1.0)]   // a stopping node keeps looking every interval
    public void Each_look_schedules_the_next(bool stopping, int polls, double after, double seconds)
    {
        var master = Peer("alive-unknown");
        var now = Now + TimeSpan.FromSeconds(after);
        var state = Belief("holding") with
        {
            Handover = new Handover(master.Address, null, polls, Now, Now + TimeSpan.FromMinutes(1), false, true, Now),
            Stop = stopping ? new StopDeadlines(now + TimeSpan.FromSeconds(6), now + TimeSpan.FromSeconds(13)) : null,
        };
        if (after > 60) state = state with { Handover = state.Handover! with { AttachedForSuccessor = false, AttachForSuccessorAt = Now } };
        var successor = after > 60 ? new ExoIp.Peers.Peer(master.Address, null) : master; // no instance: never attached for

        var next = HandoverPolicy.Decide(state, successor, Context(View(new[] { successor }), successor, now)).State.Handover!;

        Assert.Equal((polls + 1, now + TimeSpan.FromSeconds(seconds)), (next.Polls, next.NextWatchAt));
    }

    [Fact]
    public void Answers_about_the_successor_move_the_handover_on()
    {
        var master = Peer("alive-unknown");
        var other = Peer("alive-unknown", 4);
        var state = Belief("holding") with { Handover = new Handover(master.Address, null, 0, Now, Now, false, true, Now) };

        Assert.True(HandoverPolicy.OnAnswer(state, Answer(new CheckPeer(master), true)).Handover!.Releasing);
        Assert.Equal(false, HandoverPolicy.OnAnswer(state, Answer(new CheckPeer(master), false)).Handover!.SuccessorHolds);
        var attached = HandoverPolicy.OnAnswer(state, Answer(new AttachForSuccessor(master), true)).Handover!;
        Assert.Equal((true, true), (attached.SuccessorHolds, attached.AttachedForSuccessor));
        Assert.Same(state, HandoverPolicy.OnAnswer(state, Answer(new CheckPeer(other), true)));
        // What this node learns of itself is the belief's (AnswerPolicy), not the handover's.
        Assert.Same(state, HandoverPolicy.OnAnswer(state, Answer(new CheckSelf(), false)));
    }
}
