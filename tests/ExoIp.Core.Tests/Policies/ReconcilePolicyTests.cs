using System;
using ExoIp.Election;
using ExoIp.Execution;
using ExoIp.Execution.Commands;
using ExoIp.Holding;
using ExoIp.Policies;
using static ExoIp.Tests.Policies.PolicyTable;

namespace ExoIp.Tests.Policies;

public class ReconcilePolicyTests
{
    // from       to        belief before  belief after  forget peers  reconcile scheduled
    [Theory]
    [InlineData("Starting", "Backup", "not", "unknown", false, true)]   // the start-up reconciliation
    [InlineData("Starting", "Master", "holding", "unknown", true, true)]
    [InlineData("Backup", "Master", "not", "unknown", true, false)]     // a new master checks everyone
    [InlineData("Master", "Backup", "holding", "holding", false, false)] // keeps what it knows: it lets go once the new master has it
    public void A_role_change_forgets_what_must_be_checked_again(string from, string to, string before, string after, bool forgetPeers, bool scheduled)
    {
        var state = Belief(before) with { Handover = new Handover(Peer("alive-unknown").Address, null, 0, Now, Now, false, true, Now), Routine = true };

        var (next, forget) = ReconcilePolicy.OnRoleChange(state, Enum.Parse<NodeRole>(from), Enum.Parse<NodeRole>(to), Now, Options);

        Assert.Equal((Belief(after).Belief, forgetPeers, false), (next.Belief, forget, next.Routine));
        Assert.Null(next.Handover); // a handover belongs to the role it began in
        Assert.Equal(scheduled ? Now + Options.ReconcileInterval : DateTimeOffset.MaxValue, next.NextReconcileAt);
    }

    [Theory]
    [InlineData("Master", -1, false, false)]
    [InlineData("Master", 0, true, true)]
    [InlineData("Backup", 0, true, false)]
    public void The_routine_reconciliation_forgets_when_due_and_says_it_is_routine(string role, int secondsFromDue, bool due, bool forgetPeers)
    {
        var state = Belief("holding") with { NextReconcileAt = Now - TimeSpan.FromSeconds(secondsFromDue) };

        var (next, forget, wasDue) = ReconcilePolicy.OnTime(state, Enum.Parse<NodeRole>(role), Now, Options);

        Assert.Equal((due, forgetPeers), (wasDue, forget));
        Assert.Equal(due ? HoldingBelief.Unknown : HoldingBelief.Holding, next.Belief);
        Assert.Equal(due, next.Routine);
        if (due) Assert.Equal(Now + Options.ReconcileInterval, next.NextReconcileAt);
    }

    [Theory]
    [InlineData("Master", true)]
    [InlineData("Backup", false)]
    public void A_peer_coming_up_makes_a_master_check_again(string role, bool forget)
    {
        var (next, forgetPeer) = ReconcilePolicy.OnPeerUp(Belief("holding") with { Routine = true }, Enum.Parse<NodeRole>(role));

        Assert.Equal(forget, forgetPeer);
        Assert.Equal(forget ? (HoldingBelief.Unknown, false) : (HoldingBelief.Holding, true), (next.Belief, next.Routine));
    }

    // command       routine  value   failed  news
    [Theory]
    [InlineData("AttachSelf", true, false, false, false)]  // a routine attach with nothing to do: quiet
    [InlineData("AttachSelf", true, true, false, true)]    // ... that repaired something: news
    [InlineData("DetachPeer", true, false, false, false)]
    [InlineData("CheckSelf", true, false, false, false)]   // a backup confirming it does not hold it: quiet
    [InlineData("CheckSelf", true, true, false, true)]     // ... that finds it holding it: news
    [InlineData("AttachSelf", true, false, true, true)]    // failures always are
    [InlineData("AttachSelf", false, false, false, true)]  // outside a routine reconciliation, every action is
    [InlineData("CheckSelf", false, false, false, true)]
    public void Only_changes_failures_and_repairs_are_news(string command, bool routine, bool value, bool failed, bool news)
    {
        var issued = Action(command) with { Routine = routine };
        var result = failed ? Failure(issued) : Answer(issued, value);

        Assert.Equal(news, AnswerPolicy.IsNews(result));
    }

    [Theory]
    [InlineData("AttachSelf", false, true)]
    [InlineData("DetachSelf", true, false)]
    [InlineData("CheckSelf", true, true)]
    [InlineData("CheckSelf", false, false)]
    public void An_answer_about_this_node_sets_the_belief(string command, bool value, bool holds)
    {
        var result = Answer(Action(command), value);

        Assert.Equal(holds, AnswerPolicy.Apply(HoldingState.Initial, result, Now).SelfHolds);
    }

    // The action a row names; a peer's acts on a live peer.
    private static ApiAction Action(string name) => name switch
    {
        "AttachSelf" => new AttachSelf(),
        "DetachSelf" => new DetachSelf(),
        "CheckSelf" => new CheckSelf(),
        "DetachPeer" => new DetachPeer(Peer("alive-unknown")),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
