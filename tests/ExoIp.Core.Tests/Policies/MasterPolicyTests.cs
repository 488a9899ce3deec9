using System;
using System.Linq;
using static ExoIp.Tests.Policies.PolicyTable;
using ExoIp.Execution;
using ExoIp.Execution.Commands;
using ExoIp.Policies;

namespace ExoIp.Tests.Policies;

public class MasterPolicyTests
{
    [Theory]
    // belief     peer (at 10.0.0.3)  departed (10.0.0.9)   expected commands
    [InlineData("unknown", "alive-unknown", null, "AttachSelf")]                         // a live holder waits for our attach: make-before-break
    [InlineData("unknown", "dead-unknown", null, "AttachSelf")]                          // a dead one too: attach first, then detach
    [InlineData("unknown", "dead-holds", null, "AttachSelf")]
    [InlineData("unknown", "dead-free", null, "AttachSelf")]                             // the API said it does not hold it
    [InlineData("unknown", "new-unknown", null, "AttachSelf")]                           // listed a moment ago: not heard yet is not dead
    [InlineData("unknown", "old-unknown", null, "AttachSelf")]                           // listed a hold-off ago and never heard: dead, after the attach
    [InlineData("unknown", "alive-free", "dead-unknown", "AttachSelf")]                  // a departed peer only once we hold it
    [InlineData("not", "alive-holds", null, "AttachSelf")]
    [InlineData("holding", "alive-unknown", null, "CheckPeer(10.0.0.3)")]                // holding: look at the live one (a backup lets go by itself)
    [InlineData("holding", "alive-holds", null, "DetachPeer(10.0.0.3)")]
    [InlineData("holding", "alive-free", null, "")]                                      // nothing to do
    [InlineData("holding", "new-unknown", null, "CheckPeer(10.0.0.3)")]
    [InlineData("holding", "alive-free", "dead-unknown", "DetachPeer(10.0.0.9)")]        // then the departed one
    [InlineData("holding", "dead-holds", null, "DetachPeer(10.0.0.3)")]                  // the dead holder, once this node holds it
    [InlineData("holding", "dead-unknown", "dead-unknown", "DetachPeer(10.0.0.3)")]      // peers first
    [InlineData("holding-long-ago", "dead-holds", null, "CheckSelf")]                   // takes nothing away on an old answer: the
    [InlineData("holding-long-ago", "alive-free", null, "")]                            // other may have taken it meanwhile (a split)
    public void A_master_attaches_to_itself_and_detaches_other_holders(string belief, string peer, string? departed, string expected)
    {
        var view = departed is null ? View(new[] { Peer(peer) }) : View(new[] { Peer(peer) }, Peer(departed, host: 9));

        var decision = MasterPolicy.Decide(Belief(belief), Context(view));

        Assert.Equal(expected, Names(decision));
        Assert.Equal(Belief(belief), decision.State);
    }

    [Theory]
    [InlineData("unknown", false, "AttachSelf")]
    [InlineData("unknown", true, "RefreshPeers")] // took over from a live master: first, is it still in the group?
    [InlineData("not", true, "RefreshPeers")]
    [InlineData("holding", true, "CheckPeer(10.0.0.3)")] // it holds the address already: nothing to take
    public void A_master_that_took_over_from_a_live_master_attaches_once_its_group_lists_it(string belief, bool unconfirmed, string expected)
    {
        var decision = MasterPolicy.Decide(Belief(belief), Context(View(new[] { Peer("alive-unknown") })) with { MembershipUnconfirmed = unconfirmed });

        Assert.Equal(expected, Names(decision));
    }

    [Theory]
    [InlineData("holding", "dead-holds")]     // would detach the dead holder: its own detach lands first, and nobody holds it
    [InlineData("holding", "alive-holds")]
    [InlineData("unknown", "alive-free")]     // the attach waits for the detach's answer (one call about itself at a time)
    public void A_master_whose_own_detach_is_under_way_waits_for_its_answer(string belief, string peer)
    {
        var decision = MasterPolicy.Decide(Belief(belief), Context(View(new[] { Peer(peer) })) with { SelfCall = new DetachSelf() });

        Assert.Equal("", Names(decision));
    }

    [Theory]
    [InlineData(0.0, null, "")]                       // it has just got the Elastic IP: the live backup lets go by itself
    [InlineData(3.0, null, "")]
    [InlineData(3.1, null, "DetachPeer(10.0.0.3)")]   // found it held: a release wait (the hold-off) later it still holds it: detach it
    [InlineData(1.2, 0.3, "")]                        // took it with an attach of 0.3 s: an interval and that long for the backup
    [InlineData(1.3, 0.3, "DetachPeer(10.0.0.3)")]
    [InlineData(3.0, 2.5, "")]                        // a slow API: the backup's detach is as slow as this node's attach was
    [InlineData(3.5, 2.5, "DetachPeer(10.0.0.3)")]
    public void A_live_backup_that_still_holds_the_elastic_ip_is_detached_only_after_the_release_wait(double heldFor, double? takenIn, string expected)
    {
        var state = Belief("holding") with
        {
            HeldSince = Now - TimeSpan.FromSeconds(heldFor),
            TakenIn = takenIn is { } taken ? TimeSpan.FromSeconds(taken) : null,
            ActionTime = takenIn is { } pace ? TimeSpan.FromSeconds(pace) : null,
        };

        var decision = MasterPolicy.Decide(state, Context(View(new[] { Peer("alive-holds") })));

        Assert.Equal(expected, Names(decision));
        Assert.Equal(TimeSpan.FromSeconds(takenIn is { } t ? 1 + t : 3.1), MasterPolicy.ReleaseWait(state, Options));
    }

    [Theory]
    [InlineData(null, 3.1)]  // found the address held, nothing measured: a hold-off
    [InlineData(0.3, 3.1)]   // a fast API: the hold-off is longer than an interval and its last change
    [InlineData(2.5, 3.5)]   // a slow API: a backup detaching this node when it came back needs that long to give it back
    [InlineData(40.0, 30.0)] // never past an API timeout
    public void Having_found_the_elastic_ip_held_it_waits_a_hold_off_or_the_apis_pace_if_slower(double? lastChange, double expected)
    {
        var state = Belief("holding") with { ActionTime = lastChange is { } pace ? TimeSpan.FromSeconds(pace) : null };

        Assert.Equal(TimeSpan.FromSeconds(expected), MasterPolicy.ReleaseWait(state, Options));
    }

    [Theory]
    [InlineData(true, 0.4)]   // the attach took the address: its time is how long the backup's detach may take
    [InlineData(false, null)] // it found the address held: nothing measured
    public void The_attach_that_took_the_elastic_ip_tells_how_long_it_took(bool changed, double? expected)
    {
        var command = new AttachSelf();
        var attach = command.Answered(new ApiCallResult(command, "attach", null, TimeSpan.FromSeconds(0.4), null), changed);

        var state = AnswerPolicy.Apply(Belief("unknown"), attach, Now);

        Assert.Equal(expected is { } e ? TimeSpan.FromSeconds(e) : null, state.TakenIn);
        Assert.Null(state.Unknown().TakenIn);
        Assert.Null(state.Learnt(false, Now).TakenIn);
    }

    [Theory]
    [InlineData(false, true, 0.4)]  // an attach of this node
    [InlineData(true, true, 0.4)]   // a detach of a peer: any change tells the API's pace
    [InlineData(false, false, null)] // nothing changed: only a look was measured
    public void A_change_tells_the_apis_pace_which_forgetting_the_beliefs_keeps(bool ofPeer, bool changed, double? expected)
    {
        ApiAction command = ofPeer ? new DetachPeer(Peer("alive-holds")) : new AttachSelf();
        var answer = command.Answered(new ApiCallResult(command, "change", null, TimeSpan.FromSeconds(0.4), null), changed);

        var state = AnswerPolicy.Apply(Belief("holding"), answer, Now);

        var pace = expected is { } e ? TimeSpan.FromSeconds(e) : (TimeSpan?)null;
        Assert.Equal(pace, state.ActionTime);
        Assert.Equal(pace, state.Unknown().ActionTime);
        Assert.Equal(pace, state.Learnt(false, Now).ActionTime);
    }

    [Fact]
    public void A_dead_peer_seen_without_the_elastic_ip_since_it_fell_silent_is_looked_at_not_detached()
    {
        var peer = Peer("dead-unknown");
        peer.Standing.NotListed(silent: true);

        var decision = MasterPolicy.Decide(Belief("holding"), Context(View(new[] { peer })));

        Assert.Equal("CheckPeer(10.0.0.3)", Names(decision));
    }

    [Theory]
    [InlineData(0.0, false, "")]                     // it took the address beside this node: its detach of this node is under way
    [InlineData(29.9, false, "")]
    [InlineData(30.0, false, "DetachPeer(10.0.0.3)")] // an API timeout later, this node still holding: that detach is not coming
    [InlineData(0.0, true, "DetachPeer(10.0.0.3)")]   // this node was found without it since (and took it back): nothing pending
    public void A_silent_peer_that_took_the_elastic_ip_beside_this_node_is_left_an_api_timeout_to_finish(double since, bool selfLostSince, string expected)
    {
        var peer = Peer("dead-unknown");
        var took = Now - TimeSpan.FromSeconds(since);
        peer.Standing.NotListed(silent: true);
        peer.Standing.Listed(silent: true, lostIt: false, took);
        peer.HoldsElasticIp = true;
        peer.IsAlive = true; // vouched for: alive by the API's word
        if (selfLostSince) peer.Standing.SelfLost();
        var state = Belief("holding") with { HeldSince = Now - TimeSpan.FromMinutes(5) };

        var decision = MasterPolicy.Decide(state, Context(View(new[] { peer })));

        Assert.True(peer.Standing.Vouched);
        Assert.Equal(expected, Names(decision));
        Assert.Equal(selfLostSince ? null : took + Options.ApiTimeout, MasterPolicy.TakingUntil(peer, Options));
    }

    [Fact]
    public void Of_several_peers_the_dead_one_is_detached_first_and_only_one_at_a_time()
    {
        var view = View(new[] { Peer("alive-unknown", 3), Peer("dead-unknown", 4), Peer("alive-holds", 5) });

        var decision = MasterPolicy.Decide(Belief("holding"), Context(view));

        Assert.Equal("DetachPeer(10.0.0.4)", Names(decision));
    }

    [Fact]
    public void A_peer_whose_instance_is_not_known_is_never_acted_on()
    {
        var stranger = new ExoIp.Peers.Peer(System.Net.IPAddress.Parse("10.0.0.3"), null) { IsAlive = false };

        var decision = MasterPolicy.Decide(Belief("holding"), Context(View(new[] { stranger })));

        Assert.Empty(decision.Commands);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Commands_asked_by_a_routine_reconciliation_say_so(bool routine)
    {
        var state = Belief("unknown") with { Routine = routine };

        var view = View(new[] { Peer("dead-unknown") });

        var attach = MasterPolicy.Decide(state, Context(view));
        var detach = MasterPolicy.Decide(state with { SelfHolds = true, ConfirmedAt = Now }, Context(view));

        Assert.Equal(new[] { typeof(AttachSelf) }, attach.Commands.Select(c => c.GetType()));
        Assert.Equal(new[] { typeof(DetachPeer) }, detach.Commands.Select(c => c.GetType()));
        Assert.All(attach.Commands.Concat(detach.Commands), c => Assert.Equal(routine, c.Routine));
    }
}
