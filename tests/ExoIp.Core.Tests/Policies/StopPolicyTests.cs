using System;
using ExoIp.Election;
using ExoIp.Execution.Commands;
using ExoIp.Holding;
using ExoIp.Policies;
using static ExoIp.Tests.Policies.PolicyTable;

namespace ExoIp.Tests.Policies;

public class StopPolicyTests
{
    private static readonly StopDeadlines Deadlines = new(Now + TimeSpan.FromSeconds(6.5), Now + TimeSpan.FromSeconds(13));

    // role        belief     successor  resolved  now + (s)  expected commands | outcome
    [Theory]
    [InlineData("Starting", "unknown", false, true, 0, "CheckSelf", null)]           // stopped in the hold-off: does it hold it?
    [InlineData("Starting", "holding", false, true, 0, "", null)]                    // it does: wait for a peer or the deadline
    [InlineData("Starting", "holding", false, true, 7, "DetachSelf", null)]          // the hold-off ended with no one: let go
    [InlineData("Master", "holding", false, true, 0, "DetachSelf", null)]            // no live peer: let go at once
    [InlineData("Master", "unknown", false, true, 0, "DetachSelf", null)]            // (the detach checks first)
    [InlineData("Backup", "unknown", true, true, 0, "CheckSelf", null)]
    [InlineData("Backup", "holding", true, true, 0, "CheckPeer(10.0.0.3), CheckSelf", null)]    // hand over make-before-break
    [InlineData("Backup", "holding", true, true, 7, "DetachSelf", null)]             // waited long enough
    [InlineData("Backup", "not", true, true, 0, "", "stopped; this node does not hold the Elastic IP")]
    [InlineData("Master", "holding", false, false, 0, "", "stopped; the Elastic IP was never resolved, so nothing was attached by this watchdog")]
    [InlineData("Backup", "not", true, true, 13, "", "stopped at the stop timeout")]
    [InlineData("Backup", "holding", true, true, 13, "", "stop timed out after 13 s; the Elastic IP may still be attached here")]
    public void A_stop_hands_over_or_lets_go_within_its_deadlines(string role, string belief, bool successor, bool resolved, double after, string expected, string? outcome)
    {
        var master = Peer("alive-unknown");
        var state = Belief(belief) with { Stop = Deadlines };
        var context = Context(View(new[] { master }), successor ? master : null, Now + TimeSpan.FromSeconds(after), resolved);

        var decision = StopPolicy.Decide(state, Enum.Parse<NodeRole>(role), context);

        Assert.Equal((expected, outcome), (Names(decision), decision.Finished));
    }

    [Fact]
    public void A_stop_that_believes_this_node_does_not_hold_the_elastic_ip_waits_for_its_attach_under_way()
    {
        // The belief came from a look taken before the attach landed: ending now would leave the address attached.
        var state = Belief("not") with { Stop = Deadlines };
        var context = Context(View(Array.Empty<ExoIp.Peers.Peer>())) with { SelfCall = new AttachSelf() };

        var waiting = StopPolicy.Decide(state, NodeRole.Master, context);
        var answered = StopPolicy.Decide(state, NodeRole.Master, context with { SelfCall = null });

        Assert.Null(waiting.Finished);
        Assert.Empty(waiting.Commands);
        Assert.Equal("stopped; this node does not hold the Elastic IP", answered.Finished);
    }

    [Fact]
    public void A_stop_does_not_wait_for_a_successor_that_advertises_255()
    {
        var unhealthy = Peer("alive-unknown");
        unhealthy.RecordAdvertisement(unhealthy.InstanceId!.Value, 255, Now - TimeSpan.FromMilliseconds(500));
        var state = Belief("holding") with { Stop = Deadlines };

        var decision = StopPolicy.Decide(state, NodeRole.Backup, Context(View(new[] { unhealthy }), unhealthy));

        Assert.Equal("DetachSelf", Names(decision));
    }

    [Fact]
    public void A_stop_keeps_half_its_timeout_for_the_handover_and_wakes_at_each_deadline()
    {
        var state = StopPolicy.Begin(HoldingState.Initial, Now, Options);

        Assert.Equal(Deadlines, state.Stop);
        Assert.Equal(Deadlines.HandoverDeadline, StopPolicy.NextDeadline(state, Now));
        Assert.Equal(Deadlines.HardDeadline, StopPolicy.NextDeadline(state, Deadlines.HandoverDeadline));
        Assert.Null(StopPolicy.NextDeadline(HoldingState.Initial, Now));
    }
}
