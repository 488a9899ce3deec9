using System.Linq;
using ExoIp.Simulation;

namespace ExoIp.Tests.Simulation;

/// <summary>
/// The checker on hand-written histories, each invariant violated and not. Bounds (see <see cref="HistoryBuilder"/>):
/// I1a D + ε + A = 4.2 s, I1b 0.1 s, I2 2A + ε = 1.4 s (stray Rc + A = 30.2 s), I3 H + 3A + ε = 4.7 s,
/// I4 after D + ε + 2A = 4.4 s, I5 A + ε = 1.2 s.
/// </summary>
public class CheckerTests
{
    private static Invariant[] Violated(HistoryBuilder history) =>
        Checker.Check(history.Build()).Violations.Select(v => v.Invariant).Distinct().OrderBy(i => i).ToArray();

    [Fact]
    public void A_quiet_history_violates_nothing()
    {
        var history = HistoryBuilder.TwoNodes().Announce(0.9, 0, "Master").Announce(0.9, 1, "Backup");

        Assert.Empty(Violated(history));
    }

    [Theory]
    [InlineData(14.1, new Invariant[0])]
    [InlineData(14.3, new[] { Invariant.I1a })]
    public void I1a_a_holder_again_by_D_plus_epsilon_plus_A_after_the_holder_stops_being_eligible(double attachedAt, Invariant[] expected)
    {
        var history = HistoryBuilder.TwoNodes().Killed(10, 0).Attach(attachedAt, 1).Detach(attachedAt + 0.1, 0);

        Assert.Equal(expected, Violated(history));
    }

    [Fact]
    public void I1a_does_not_hold_while_no_node_is_eligible()
    {
        var history = HistoryBuilder.TwoNodes().Killed(10, 0).Eligible(10, 1, false).Eligible(100, 1, true).Attach(104, 1).Detach(104.1, 0);

        Assert.Empty(Violated(history));
    }

    [Fact]
    public void I1a_gives_a_node_that_just_came_back_its_hold_off()
    {
        // Node 1 comes back at 9.5 s: it may wait its hold-off (until 12.6 s), so the deadline is 12.6 + ε + A = 13.8 s.
        var quiet = HistoryBuilder.TwoNodes().Killed(5, 1).Eligible(9.5, 1, true).Running(9.5, 1, true).Killed(10, 0).Attach(13.7, 1).Detach(13.8, 0);
        var late = HistoryBuilder.TwoNodes().Killed(5, 1).Eligible(9.5, 1, true).Running(9.5, 1, true).Killed(10, 0).Attach(14.3, 1).Detach(14.4, 0);

        Assert.Empty(Violated(quiet));
        Assert.Equal([Invariant.I1a], Violated(late));
    }

    [Theory]
    [InlineData(10.05, new Invariant[0])]
    [InlineData(10.5, new[] { Invariant.I1b })]
    public void I1b_a_planned_handover_leaves_no_holder_for_at_most_a_tenth_of_a_second(double attachedAt, Invariant[] expected)
    {
        var history = HistoryBuilder.TwoNodes().Node1PreferredFrom(10).Detach(10, 0).Attach(attachedAt, 1);

        Assert.Equal(expected, Violated(history));
    }

    [Theory]
    [InlineData(10, 11, 14.6, new Invariant[0])]            // released 0.5 s after the successor died: I1a from its death, by 14.7 s
    [InlineData(10, 11, 14.8, new[] { Invariant.I1a })]
    [InlineData(14, 14.9, 14.95, new Invariant[0])]
    [InlineData(14, 14.9, 15.1, new[] { Invariant.I1b })]   // released 4.4 s after (its attach applied late): it could have known
    public void I1b_a_release_to_a_successor_that_just_died_is_judged_from_its_death(double successorAttachedAt, double releasedAt, double takenBackAt, Invariant[] expected)
    {
        var history = HistoryBuilder.TwoNodes().Node1PreferredFrom(10).Killed(10.5, 1).Attach(successorAttachedAt, 1).Detach(releasedAt, 0).Attach(takenBackAt, 0)
            .Detach(takenBackAt + 0.05, 1);

        Assert.Equal(expected, Violated(history));
    }

    [Theory]
    [InlineData(11.3, new Invariant[0])]
    [InlineData(12, new[] { Invariant.I2 })]
    public void I2_two_holders_at_most_2A_plus_epsilon(double detachedAt, Invariant[] expected)
    {
        var history = HistoryBuilder.TwoNodes().Node1PreferredFrom(10).Attach(10, 1).Detach(detachedAt, 0);

        Assert.Equal(expected, Violated(history));
    }

    [Theory]
    [InlineData(12, new Invariant[0])]                // 2 s: within 2 × 3A + ε = 2.2 s
    [InlineData(12.4, new[] { Invariant.I2 })]
    public void I2_while_the_api_is_three_times_slower_A_is_three_times_as_long(double detachedAt, Invariant[] expected)
    {
        var history = HistoryBuilder.TwoNodes().Node1PreferredFrom(10).Fault(FaultKind.ApiSlow, 0, 9, 11, parameter: 3).Attach(10, 1).Detach(detachedAt, 0);

        Assert.Equal(expected, Violated(history));
    }

    [Theory]
    [InlineData(13.3, new Invariant[0])]              // 3.3 s: within 2A + 2 s (the late apply) + ε = 3.4 s
    [InlineData(13.5, new[] { Invariant.I2 })]
    public void I2_an_operation_that_applies_late_lengthens_its_action_by_as_much(double detachedAt, Invariant[] expected)
    {
        var history = HistoryBuilder.TwoNodes().Node1PreferredFrom(10).Fault(FaultKind.LateApply, 0, 9, 19, parameter: 2).Attach(10, 1).Detach(detachedAt, 0);

        Assert.Equal(expected, Violated(history));
    }

    [Theory]
    [InlineData(40, new Invariant[0])]
    [InlineData(41, new[] { Invariant.I2 })]
    public void I2_a_stray_holder_is_detached_within_Rc_plus_A(double detachedAt, Invariant[] expected)
    {
        var history = HistoryBuilder.TwoNodes().Fault(FaultKind.StrayHolder, 0, 10, 10).Attach(10, 2).Detach(detachedAt, 2);

        Assert.Equal(expected, Violated(history));
    }

    [Fact]
    public void I3_the_best_eligible_node_holds_alone_after_the_last_fault_heals()
    {
        // Node 0 (the best) paused 10–20 s: node 1 takes over, node 0 takes back by 20 + 4.7 s.
        HistoryBuilder Paused() => HistoryBuilder.TwoNodes()
            .Fault(FaultKind.Pause, 0, 10, 20).Eligible(10, 0, false).Running(10, 0, false)
            .Attach(14, 1).Detach(14.2, 0).Eligible(20, 0, true).Running(20, 0, true);

        Assert.Empty(Violated(Paused().Attach(22, 0).Detach(22.2, 1)));
        Assert.Equal([Invariant.I3], Violated(Paused()));
        Assert.Equal([Invariant.I3], Violated(Paused().Attach(22, 0).Detach(22.2, 1).Attach(60, 1).Detach(60.2, 0)));
    }

    [Fact]
    public void I3_is_not_checked_while_a_lasting_fault_never_heals()
    {
        var history = HistoryBuilder.TwoNodes().Fault(FaultKind.Partition, 0, 10, null).Attach(14, 1);

        Assert.DoesNotContain(Invariant.I3, Violated(history));
    }

    [Theory]
    [InlineData(1, new Invariant[0])]
    [InlineData(3, new[] { Invariant.I2, Invariant.I4 })]
    public void I4_a_lasting_partition_moves_the_Elastic_IP_once_at_most_after_its_grace(int moves, Invariant[] expected)
    {
        var history = HistoryBuilder.TwoNodes().Fault(FaultKind.Partition, 0, 10, 100);
        for (var i = 0; i < moves; i++)
        {
            var node = (i + 1) % 2;
            history.Attach(20 + 10 * i, node).Detach(20.1 + 10 * i, 1 - node);
        }
        // Back to node 0 (the best) once it heals.
        if (moves % 2 == 1) history.Attach(101, 0).Detach(101.1, 1);

        Assert.Equal(expected.Where(i => i == Invariant.I4), Violated(history).Where(i => i == Invariant.I4));
    }

    [Theory]
    [InlineData(3, new Invariant[0])]                // one for the partition, one when node 0 turns unhealthy, one when it is healthy again
    [InlineData(4, new[] { Invariant.I4 })]
    public void I4_allows_a_move_for_each_start_and_end_of_another_fault_within_a_lasting_one(int moves, Invariant[] expected)
    {
        var history = HistoryBuilder.TwoNodes().Fault(FaultKind.Partition, 0, 10, 100).Fault(FaultKind.Unhealthy, 0, 40, 60);
        for (var i = 0; i < moves; i++)
        {
            var node = (i + 1) % 2;
            history.Attach(20 + 15 * i, node).Detach(20.1 + 15 * i, 1 - node);
        }
        if (moves % 2 == 1) history.Attach(101, 0).Detach(101.1, 1);

        Assert.Equal(expected, Violated(history).Where(i => i == Invariant.I4));
    }

    [Theory]
    [InlineData(0.5, new Invariant[0])]
    [InlineData(2, new[] { Invariant.I5 })]
    public void I5_a_node_announced_Master_holds_within_A_plus_epsilon(double holdsAfter, Invariant[] expected)
    {
        var history = HistoryBuilder.TwoNodes().Node1PreferredFrom(10).Announce(0.9, 0, "Master").Announce(0.9, 1, "Backup")
            .Announce(10, 1, "Master").Announce(10, 0, "Backup").Attach(10 + holdsAfter, 1).Detach(10 + holdsAfter + 0.1, 0);

        Assert.Equal(expected, Violated(history));
    }

    [Theory]
    [InlineData(1.5, new Invariant[0])]               // within 3A + ε = 1.6 s
    [InlineData(1.8, new[] { Invariant.I5 })]
    public void I5_while_the_api_is_three_times_slower_A_is_three_times_as_long(double holdsAfter, Invariant[] expected)
    {
        var history = HistoryBuilder.TwoNodes().Node1PreferredFrom(10).Fault(FaultKind.ApiSlow, 1, 9.5, 12, parameter: 3)
            .Announce(0.9, 0, "Master").Announce(0.9, 1, "Backup")
            .Announce(10, 1, "Master").Announce(10, 0, "Backup").Attach(10 + holdsAfter, 1).Detach(10 + holdsAfter + 0.1, 0);

        Assert.Equal(expected, Violated(history));
    }

    [Theory]
    [InlineData(FaultKind.ApiCutOff, 1, 20.5, new Invariant[0])]       // refused until 20 s: right within A + ε of the API answering again
    [InlineData(FaultKind.ApiCutOff, 1, 21.5, new[] { Invariant.I5 })] // not: the stretch starts again when the refusal ends
    [InlineData(FaultKind.Api429, 4, 24.5, new Invariant[0])]          // a 429's Retry-After (4 s) keeps the node from calling until 24 s
    [InlineData(FaultKind.Api429, 4, 25.5, new[] { Invariant.I5 })]
    [InlineData(FaultKind.ApiCutOff, 0, 30.5, new Invariant[0])]       // calls made while cut off hang to the API timeout (10 s): 30 s
    [InlineData(FaultKind.ApiCutOff, 0, 31.5, new[] { Invariant.I5 })]
    [InlineData(FaultKind.ApiSlow, 2, 20.5, new[] { Invariant.I5 })]   // a slow API refuses nothing
    public void I5_a_node_whose_calls_the_API_refuses_reports_its_last_word_until_the_API_answers_it_again(FaultKind refusal, double parameter, double backupAt, Invariant[] expected)
    {
        // Node 0 holds, announced Master; node 1, preferred from 12 s, takes the address and detaches node 0 at 12.2 s. From
        // 10 s to 20 s the API refuses node 0's calls.
        var history = HistoryBuilder.TwoNodes().Node1PreferredFrom(12).Announce(0.9, 0, "Master").Announce(0.9, 1, "Backup")
            .Announce(12.1, 1, "Master").Attach(12.1, 1).Detach(12.2, 0).Announce(backupAt, 0, "Backup").Fault(refusal, 0, 10, 20, parameter);

        Assert.Equal(expected, Violated(history).Where(i => i == Invariant.I5));
    }

    [Theory]
    [InlineData(1.5, 9.5, 19.5, new Invariant[0])]      // answered as done, applied 1.5 s later: A + 1.5 s + ε = 2.7 s
    [InlineData(1.5, 6, 9, new Invariant[0])]           // taken by the fault before its end, the operation applies after it
    [InlineData(1.5, 6, 8, new[] { Invariant.I5 })]     // over 1.7 s (its lateness and an action) before the stretch began
    [InlineData(0, 0, 0, new[] { Invariant.I5 })]
    public void I5_an_operation_that_applies_late_lengthens_A_by_its_lateness(double lateness, double faultStart, double faultEnd, Invariant[] expected)
    {
        var history = HistoryBuilder.TwoNodes().Node1PreferredFrom(10).Announce(0.9, 0, "Master").Announce(0.9, 1, "Backup")
            .Announce(10, 1, "Master").Announce(10, 0, "Backup").Attach(12.5, 1).Detach(12.6, 0);
        if (lateness > 0) history.Fault(FaultKind.LateApply, 1, faultStart, faultEnd, parameter: lateness);

        Assert.Equal(expected, Violated(history).Where(i => i == Invariant.I5));
    }

    [Fact]
    public void I5_a_holder_announced_Backup_for_longer_than_A_plus_epsilon_violates_and_a_pause_resets_it()
    {
        var holderAnnouncedBackup = HistoryBuilder.TwoNodes().Priorities(10, 5).Announce(0.9, 0, "Backup").Announce(0.9, 1, "Master")
            .Attach(0.9, 1).Detach(3, 0);
        var paused = HistoryBuilder.TwoNodes().Announce(0.9, 0, "Master").Announce(0.9, 1, "Backup")
            .Running(10, 0, false).Eligible(10, 0, false).Attach(14, 1).Detach(14.1, 0).Announce(14, 1, "Master")
            .Running(30, 0, true).Eligible(30, 0, true).Announce(30.5, 0, "Backup").Attach(31, 0).Detach(31.1, 1)
            .Announce(31, 0, "Master").Announce(31.1, 1, "Backup");

        Assert.Equal([Invariant.I5], Violated(holderAnnouncedBackup));
        Assert.DoesNotContain(Invariant.I5, Violated(paused));
    }

    private static MutationRecord Detach(int issueEpoch, int putEpoch, int applyEpoch, double appliedAt) => new()
    {
        Node = 0, Attach = false, Target = 1, IssuedAt = HistoryBuilder.At(appliedAt - 0.2), IssueEpoch = issueEpoch,
        IssueBelief = "Master", PutSentAt = HistoryBuilder.At(appliedAt - 0.1), PutEpoch = putEpoch, PutBelief = "?",
        AppliedAt = HistoryBuilder.At(appliedAt), ApplyEpoch = applyEpoch, Changed = true,
    };

    [Fact]
    public void I6_a_PUT_sent_after_its_belief_was_dropped_violates()
    {
        var history = HistoryBuilder.TwoNodes().Mutation(Detach(3, 4, 4, 20));

        Assert.Equal([Invariant.I6], Violated(history));
    }

    [Fact]
    public void I6_a_change_applied_after_its_belief_was_dropped_needs_a_fresh_check()
    {
        Assert.Empty(Violated(HistoryBuilder.TwoNodes().Mutation(Detach(3, 3, 3, 20))));
        Assert.Empty(Violated(HistoryBuilder.TwoNodes().Mutation(Detach(3, 3, 4, 20)).Check(20.5, 0)));
        Assert.Equal([Invariant.I6], Violated(HistoryBuilder.TwoNodes().Mutation(Detach(3, 3, 4, 20)).Check(25, 0)));
        // A node no longer running when its stale change lands cannot check; the others must repair (I1, I3).
        Assert.Empty(Violated(HistoryBuilder.TwoNodes().Mutation(Detach(3, 3, 4, 20)).Running(20.5, 0, false)));
    }

    [Fact]
    public void I6_a_node_in_Fault_for_a_key_mismatch_sends_no_PUT()
    {
        MutationRecord Call(bool putSent) => new()
        {
            Node = 0, Attach = true, Target = 0, IssuedAt = HistoryBuilder.At(20), IssueEpoch = 3, IssueBelief = "Fault",
            IssuedInKeyFault = true, PutSentAt = putSent ? HistoryBuilder.At(20.1) : -1, PutEpoch = 3,
        };

        Assert.Empty(Violated(HistoryBuilder.TwoNodes().Mutation(Call(putSent: false))));
        Assert.Equal([Invariant.I6], Violated(HistoryBuilder.TwoNodes().Mutation(Call(putSent: true))));
    }
}
