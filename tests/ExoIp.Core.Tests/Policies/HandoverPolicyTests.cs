using System;
using ExoIp.Execution;
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
    [InlineData("holding", "CheckPeer(10.0.0.3)")]  // holding it: watch the master until it holds it
    public void A_backup_checks_itself_and_hands_over_what_it_holds(string belief, string expected)
    {
        var master = Peer("alive-unknown");

        var decision = BackupPolicy.Decide(Belief(belief), Context(View(new[] { master }), master));

        Assert.Equal(expected, Names(decision));
        Assert.Equal(belief == "holding", decision.State.Handover is not null);
    }

    // phase            successor holds  attached-for  now − start (s)   expected
    [Theory]
    [InlineData("awaiting", null, false, 0.5, "")]                           // the watch is not due
    [InlineData("awaiting", false, false, 1.0, "CheckPeer(10.0.0.3)")]      // due
    [InlineData("awaiting", false, false, 13.4, "AttachForSuccessor(10.0.0.3)")] // hold-off + a third of the API timeout: attach for it
    [InlineData("awaiting", true, false, 1.0, "")]                           // it holds it: now wait for it to let this node go
    [InlineData("awaiting", true, true, 1.0, "DetachSelf")]                  // this node attached it: let go at once
    [InlineData("release", true, false, 2.0, "CheckSelf")]                   // still held here? look
    [InlineData("release", true, false, 31.0, "DetachSelf")]                // an API timeout later: the fallback detach
    public void The_handover_watches_the_successor_then_waits_to_be_released(string phase, bool? successorHolds, bool attached, double after, string expected)
    {
        var master = Peer("alive-unknown");
        var start = Now;
        var handover = new Handover(master.Address, phase == "awaiting" ? HandoverPhase.AwaitingSuccessor : HandoverPhase.AwaitingRelease,
            successorHolds, 1, start + Interval, start + Options.Timing.HoldOff + TimeSpan.FromSeconds(10), attached,
            phase == "release" ? start + Options.ApiTimeout : null);
        var state = Belief("holding") with { Handover = handover };

        var decision = HandoverPolicy.Decide(state, master, Context(View(new[] { master }), master, start + TimeSpan.FromSeconds(after)));

        Assert.Equal(expected, Names(decision));
    }

    [Fact]
    public void Once_the_successor_holds_it_the_node_gives_it_an_api_timeout_to_be_released()
    {
        var master = Peer("alive-unknown");
        var state = Belief("holding") with { Handover = new Handover(master.Address, HandoverPhase.AwaitingSuccessor, true, 2, Now, Now, false, null) };

        var next = HandoverPolicy.Decide(state, master, Context(View(new[] { master }), master)).State.Handover!;

        Assert.Equal((HandoverPhase.AwaitingRelease, Now + Options.ApiTimeout), (next.Phase, next.DetachSelfBy));
        Assert.True(next.NextWatchAt > Now);
    }

    [Fact]
    public void A_new_master_starts_a_new_handover()
    {
        var old = Peer("alive-unknown", 4);
        var master = Peer("alive-unknown");
        var state = Belief("holding") with { Handover = new Handover(old.Address, HandoverPhase.AwaitingRelease, true, 3, Now, Now, true, Now) };

        var decision = HandoverPolicy.Decide(state, master, Context(View(new[] { old, master }), master));

        Assert.Equal("CheckPeer(10.0.0.3)", Names(decision));
        Assert.Equal((master.Address, HandoverPhase.AwaitingSuccessor, (bool?)null), (decision.State.Handover!.Successor, decision.State.Handover.Phase, decision.State.Handover.SuccessorHolds));
    }

    [Theory]
    [InlineData(false, 0, 1.0)]   // the first "not yet": look again an interval later
    [InlineData(false, 3, 8.0)]   // then back off, doubling
    [InlineData(false, 10, 30.0)] // to the retry ceiling
    [InlineData(true, 10, 1.0)]   // a stopping node keeps looking every interval
    public void Each_not_yet_backs_the_watch_off(bool stopping, int polls, double seconds)
    {
        var master = Peer("alive-unknown");
        var state = Belief("holding") with
        {
            Handover = new Handover(master.Address, HandoverPhase.AwaitingSuccessor, null, polls, Now, Now + TimeSpan.FromMinutes(1), false, null),
            Stop = stopping ? new StopDeadlines(Now + TimeSpan.FromSeconds(6), Now + TimeSpan.FromSeconds(13)) : null,
        };

        var after = HandoverPolicy.OnAnswer(state, Answer(new ApiCommand(ApiCommandKind.CheckPeer, master), false), Now, Options).Handover!;

        Assert.Equal((polls + 1, Now + TimeSpan.FromSeconds(seconds), (bool?)false), (after.Polls, after.NextWatchAt, after.SuccessorHolds));
    }

    [Fact]
    public void Answers_about_the_successor_and_this_node_move_the_handover_on()
    {
        var master = Peer("alive-unknown");
        var other = Peer("alive-unknown", 4);
        var state = Belief("holding") with { Handover = new Handover(master.Address, HandoverPhase.AwaitingSuccessor, null, 0, Now, Now, false, null) };

        Assert.Equal(true, HandoverPolicy.OnAnswer(state, Answer(new ApiCommand(ApiCommandKind.CheckPeer, master), true), Now, Options).Handover!.SuccessorHolds);
        var attached = HandoverPolicy.OnAnswer(state, Answer(new ApiCommand(ApiCommandKind.AttachForSuccessor, master), true), Now, Options).Handover!;
        Assert.Equal((true, true), (attached.SuccessorHolds, attached.AttachedForSuccessor));
        Assert.Same(state, HandoverPolicy.OnAnswer(state, Answer(new ApiCommand(ApiCommandKind.CheckPeer, other), true), Now, Options));
        // This node still holds it: look again later; it does not: nothing more to watch.
        Assert.Equal(1, HandoverPolicy.OnAnswer(state, Answer(new ApiCommand(ApiCommandKind.CheckSelf), true), Now, Options).Handover!.Polls);
        Assert.Same(state, HandoverPolicy.OnAnswer(state, Answer(new ApiCommand(ApiCommandKind.CheckSelf), false), Now, Options));
    }
}
