using System;
using ExoIp.Election;
using ExoIp.Policies;
using static ExoIp.Tests.Policies.PolicyTable;

namespace ExoIp.Tests.Policies;

/// <summary>
/// One pass of each role as the decision pass calls it, every effect as data: the lookups a running node asks for in
/// every role, the listing of the holders and why, the reconciliation's bookkeeping, a node in Fault that keeps the
/// address. The live peer at 10.0.0.3 is the master a backup defers to.
/// </summary>
public class RoleDecisionTests
{
    // The role's handler, as the pass picks it, for a node that believes "belief" in a pass that "pass" describes, its
    // reconciliation due or not: "Fault-out" is in Fault for a key mismatch, out of the election; an unhealthy node's
    // verdict is the election's (no healthy node beats it).
    private static Decision Decide(string role, string belief, Func<PolicyContext, PolicyContext> pass, bool reconcileDue = false)
    {
        var state = Belief(belief) with { NextReconcileAt = reconcileDue ? Now : DateTimeOffset.MaxValue };
        var peer = Peer("alive-unknown");
        var context = pass(role == "Backup" ? Context(View(new[] { peer }), peer) : Context(View(new[] { peer })));
        return role switch
        {
            "Master" => MasterPolicy.Decide(state, context),
            "Backup" => BackupPolicy.Decide(state, context),
            "Fault" => FaultPolicy.Decide(state, context),
            "Fault-out" => FaultPolicy.Decide(state, context with { Verdict = new ElectionVerdict(NodeRole.Fault, ElectionReason.KeyMismatch, null, null, 0) }),
            "Starting" => Upkeep.Lookups(state, context),
            "Stopping" => StopPolicy.Decide(StopPolicy.Begin(state, Now, Options), NodeRole.Master, context),
            _ => throw new ArgumentOutOfRangeException(nameof(role)),
        };
    }

    // role         resolved  refresh due  expected effects
    [Theory]
    [InlineData("Master", true, true, "RefreshPeers, AttachSelf")]
    [InlineData("Master", true, false, "AttachSelf")]
    [InlineData("Master", false, true, "ResolveElasticIp, RefreshPeers")]   // nothing else before the Elastic IP is known
    [InlineData("Backup", true, true, "RefreshPeers, CheckSelf")]
    [InlineData("Backup", false, false, "ResolveElasticIp")]
    [InlineData("Fault", true, true, "RefreshPeers, CheckSelf")]
    [InlineData("Fault", false, true, "ResolveElasticIp, RefreshPeers")]
    [InlineData("Fault-out", true, true, "RefreshPeers")]                   // out of the election: its lookups, no other call
    [InlineData("Fault-out", false, false, "ResolveElasticIp")]
    [InlineData("Starting", true, true, "RefreshPeers")]                    // in the hold-off: its lookups, no claim
    [InlineData("Starting", false, true, "ResolveElasticIp, RefreshPeers")]
    [InlineData("Stopping", true, true, "DetachSelf")]                      // a stopping node looks nothing up: it lets go
    [InlineData("Stopping", false, true, "")]                               // (never resolved: it ends)
    public void Every_running_role_looks_up_the_elastic_ip_until_known_and_refreshes_its_peers_when_due(string role, bool resolved, bool refreshDue, string expected)
    {
        var decision = Decide(role, "unknown", pass => pass with { ElasticIpResolved = resolved, RefreshDue = refreshDue });

        Assert.Equal(expected, Effects(decision));
    }

    [Theory]
    [InlineData("Master")]
    [InlineData("Backup")]
    [InlineData("Fault")]
    [InlineData("Starting")]
    public void A_node_whose_elastic_ip_is_not_resolved_asks_for_it_and_does_nothing_else(string role)
    {
        // Holding, reconciliation due, split watch due, unheard: all of it waits for the Elastic IP's id.
        var decision = Decide(role, "holding", pass => pass with { ElasticIpResolved = false, SplitWatchDue = true, Unheard = true }, reconcileDue: true);

        Assert.Equal("ResolveElasticIp", Effects(decision));
        Assert.Equal(Belief("holding") with { NextReconcileAt = Now }, decision.State);
    }

    // unheard  listed  split watch due  expected effects
    [Theory]
    [InlineData(true, false, false, "ListHolders(Check)")]              // hears no peer: lists the holders first, and does nothing else
    [InlineData(true, false, true, "ListHolders(Check)")]               // (the split watch's waits: one listing at a time)
    [InlineData(true, true, false, "AttachSelf")]                       // listed since it became master: it acts
    [InlineData(false, false, false, "AttachSelf")]
    [InlineData(false, false, true, "ListHolders(SplitWatch), AttachSelf")]
    [InlineData(false, true, true, "ListHolders(SplitWatch), AttachSelf")]
    public void A_master_that_hears_no_peer_lists_the_holders_first(bool unheard, bool listed, bool watch, string expected)
    {
        var decision = Decide("Master", "unknown", pass => pass with { Unheard = unheard, HoldersListed = listed, SplitWatchDue = watch });

        Assert.Equal(expected, Effects(decision));
    }

    // belief     split watch due  expected effects
    [Theory]
    [InlineData("not", true, "ListHolders(SplitWatch)")]                // a backup watches too: a peer alive only by the API's word
    [InlineData("not", false, "")]
    [InlineData("unknown", true, "ListHolders(SplitWatch), CheckSelf")]
    [InlineData("holding", true, "ListHolders(SplitWatch), CheckPeer(10.0.0.3), CheckSelf")]
    public void A_backup_with_a_split_watch_listing_due_asks_for_it(string belief, bool watch, string expected)
    {
        var decision = Decide("Backup", belief, pass => pass with { SplitWatchDue = watch });

        Assert.Equal(expected, Effects(decision));
    }

    // role         split watch due  expected effects
    [Theory]
    [InlineData("Master", true, "Reconciling, ForgetPeerHoldings, ListHolders(Check), AttachSelf")] // checks everyone: that listing goes first
    [InlineData("Backup", true, "Reconciling, ListHolders(SplitWatch), CheckSelf")]
    [InlineData("Fault", false, "Reconciling, CheckSelf")]
    [InlineData("Fault-out", false, "")]                                                            // out of the election: not even that
    [InlineData("Starting", false, "")]
    public void A_due_reconciliation_is_told_and_checks_again(string role, bool watch, string expected)
    {
        var decision = Decide(role, "holding", pass => pass with { SplitWatchDue = watch }, reconcileDue: true);

        Assert.Equal(expected, Effects(decision));
        Assert.Equal(decision.Reconciling, decision.State.Routine);
        Assert.Equal(decision.Reconciling ? Now + Options.ReconcileInterval : Now, decision.State.NextReconcileAt);
    }

    // role         belief     expected effects
    [Theory]
    [InlineData("Fault", "holding", "Keeps")]                  // no healthy node to hand it to: it keeps it, and says so
    [InlineData("Fault", "not", "")]                           // never takes it
    [InlineData("Fault", "unknown", "CheckSelf")]
    [InlineData("Fault-out", "holding", "")]                   // out of the election: it makes no call, and tells nothing
    public void Fault_keeps_what_it_holds_with_no_one_to_hand_it_to_and_says_so(string role, string belief, string expected)
    {
        var decision = Decide(role, belief, pass => pass);

        Assert.Equal(expected, Effects(decision));
    }

    [Fact]
    public void The_upkeep_then_the_rules_keeps_every_effect_either_asks_for_and_the_rules_state_and_calls()
    {
        var upkeep = Decision.None(Belief("unknown")) with { RefreshPeers = true, Reconciling = true };
        upkeep = upkeep.ListHolders(ListingPurpose.Routine);
        var rules = Decision.One(Belief("holding"), new ExoIp.Execution.Commands.AttachSelf()) with { Keeps = true, ForgetPeerHoldings = true, ResolveElasticIp = true, Listing = ListingPurpose.Check };

        var decision = upkeep.Then(rules);

        Assert.Equal("Reconciling, ForgetPeerHoldings, Keeps, ResolveElasticIp, RefreshPeers, ListHolders(Routine), AttachSelf", Effects(decision));
        Assert.Same(rules.State, decision.State);
        Assert.Equal("The stop is over.", upkeep.Then(Decision.Finish(Belief("not"), "The stop is over.")).Finished);
    }
}
