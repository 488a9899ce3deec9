using System;

namespace ExoIp.Tests.Watchdog;

/// <summary>
/// One decision pass at a time (<see cref="ExoIp.Watchdog.DecisionPass"/> inside a real core, <see cref="DecisionBed"/>):
/// what it asks of the API, what it then believes of its own holding, and when it wants to be woken. This node is
/// 10.0.0.2, its peer A 10.0.0.3; 1 s × 3 (A dead after 3 s of silence, a hold-off of 3.1 s; the release wait an
/// interval and the attach's time, here 1 s, when this node attached the Elastic IP, a hold-off when it found it on
/// itself), reconciliation every 30 s, a failed call tried again after 1 s, then 2 s.
/// </summary>
public class DecisionPassTests
{
    // A backup (20) of A (10), settled at the end of the hold-off: it does not hold the Elastic IP.
    private static DecisionBed Backup() => new DecisionBed(20, 10).TickTo(3.1).Settle();

    // The master (10) with its backup A (20), settled at the end of the hold-off: it holds the Elastic IP since 3.1 s, by its
    // attach, or (found) already before it.
    private static DecisionBed Master(bool aHolds = false, bool found = false) =>
        new DecisionBed(10, 20, aHolds) { SelfHolds = found }.TickTo(3.1).Settle();

    // A and this node hold the Elastic IP; this node hears A at 1 s, so its hold-off ends then: it becomes master, finds the
    // address on itself (a hold-off's release wait, to 4.1 s), and sees A holding. A falls silent after that advert: dead at 4 s.
    private static DecisionBed MasterBesideADying()
    {
        var bed = new DecisionBed(10, 20, aHolds: true) { SelfHolds = true, AHeardFrom = 1 }.TickTo(1.5);
        bed.APriority = null;
        return bed.TickTo(4.001);
    }

    // This master (holding) hears A turn better (5) at 10.4 s: it becomes A's backup, still holding the Elastic IP.
    private static DecisionBed HandingOver()
    {
        var bed = Master().TickTo(10.4);
        bed.APriority = 5;
        return bed.HearA();
    }

    // This node (10) under a preempt delay of 5 s, beside A (20) holding the Elastic IP: it defers (254) and is A's backup.
    private static DecisionBed Deferring() =>
        new DecisionBed(10, 20, aHolds: true, o => o with { PreemptDelay = TimeSpan.FromSeconds(5) }).TickTo(3.1).Settle();

    private static DecisionBed Then(DecisionBed bed, Action<DecisionBed> act)
    {
        act(bed);
        return bed;
    }

    // Each row: how the bed got there, then one pass: the commands it starts, this node's holding after it, and the
    // seconds until the wake time it returns.
    public static TheoryData<string, Func<DecisionBed>, string, string, double?> Cases => new()
    {
        { "a backup hearing a better master issues nothing, and wakes when that master would be dead", () => Backup().TickTo(3.6).HearA(), "", "NotHolding", 3.001 },
        { "every peer heard at 1 s: the hold-off is over, a master lists the holders and attaches", () => new DecisionBed(10, 20) { AHeardFrom = 1 }.TickTo(1), "ListHolders, AttachSelf", "Unknown", 3.001 },
        { "every peer heard at 1 s: the hold-off is over, a backup looks at itself", () => new DecisionBed(20, 10) { AHeardFrom = 1 }.TickTo(1), "CheckSelf", "Unknown", 3.001 },
        { "its only peer heard standing aside (255: starting, unhealthy): the hold-off runs on, that peer may turn better", () => new DecisionBed(20, 255) { AHeardFrom = 1 }.TickTo(1), "", "Unknown", 2.1 },
        {
            "under a preempt delay a node waits out its hold-off, every peer heard or not (it asks who holds the address)",
            () => new DecisionBed(10, 20, aHolds: true, o => o with { PreemptDelay = TimeSpan.FromSeconds(5) }) { AHeardFrom = 1 }.TickTo(1), "ListHolders", "Unknown", 2.1
        },
        { "the hold-off over, a master lists the holders and attaches, and wakes when A would be dead", () => new DecisionBed(10, 20).TickTo(3.1), "ListHolders, AttachSelf", "Unknown", 3.001 },
        { "a master that found the address on itself, a live backup still holding: nothing until the release wait's end (a hold-off), and it wakes then", () => Master(aHolds: true, found: true).TickTo(4.5).HearA(), "", "Holding", 1.7 },
        { "the release wait over, a live backup still holding: the master looks at itself first (its answer is old)", () => Master(aHolds: true, found: true).TickTo(6.2), "CheckSelf", "Holding", 2.801 },
        {
            "the release wait over and a fresh answer that it holds: the master detaches the backup",
            () => Then(Master(aHolds: true, found: true).TickTo(6.2), b => { b.Pass(); b.Answer("CheckSelf"); }), "DetachPeer(10.0.0.3)", "Holding", 2.801
        },
        { "a master that attached the address, a live backup still holding: the release wait is an interval and the attach's time", () => Master(aHolds: true).TickTo(3.6).HearA(), "", "Holding", 0.5 },
        { "that release wait over, the master looks at itself first (its answer is an interval old)", () => Master(aHolds: true).TickTo(4.1), "CheckSelf", "Holding", 2.901 },
        {
            "then a fresh answer that it holds: the master detaches the backup",
            () => Then(Master(aHolds: true).TickTo(4.1), b => { b.Pass(); b.Answer("CheckSelf"); }), "DetachPeer(10.0.0.3)", "Holding", 2.901
        },
        { "the holder peer dead, its answer old: the master lists the holders and looks at itself, and wakes at its release wait's end", MasterBesideADying, "ListHolders, CheckSelf", "Holding", 0.099 },
        {
            "the holder peer dead, a fresh answer that it holds: the master detaches the dead holder",
            () => Then(MasterBesideADying(), b => { b.Pass(); b.Answer("CheckSelf"); b.Answer("ListHolders"); }), "DetachPeer(10.0.0.3)", "Holding", 0.099
        },
        {
            "the holder peer dead, the look says it lost the Elastic IP: the master attaches, and detaches nobody",
            () => Then(MasterBesideADying(), b => { b.Pass(); b.SelfHolds = false; b.Answer("CheckSelf"); }), "AttachSelf", "NotHolding", 1
        },
        { "a backup holding while A is master looks at A and at itself, and wakes for the next look", HandingOver, "CheckPeer(10.0.0.3), CheckSelf", "Holding, handing over to 10.0.0.3", 1 },
        {
            "between two looks a backup handing over wakes at the next look, not at the interval tick",
            () => Then(HandingOver(), b => { b.Pass(); b.Answer("CheckPeer(10.0.0.3)"); b.Answer("CheckSelf"); b.TickTo(11.2); }), "", "Holding, handing over to 10.0.0.3", 0.2
        },
        {
            "at the next look's time, a backup handing over looks again",
            () => Then(HandingOver(), b => { b.Pass(); b.Answer("CheckPeer(10.0.0.3)"); b.Answer("CheckSelf"); b.TickTo(11.4); }), "CheckPeer(10.0.0.3), CheckSelf", "Holding, handing over to 10.0.0.3", 1
        },
        {
            "A holds the Elastic IP: the backup lets go",
            () => Then(HandingOver(), b => { b.Pass(); b.AHolds = true; b.Answer("CheckPeer(10.0.0.3)"); b.Answer("CheckSelf"); }), "DetachSelf", "Holding, handing over to 10.0.0.3 (releasing)", 1
        },
        { "A never attaches: a hold-off after the handover began the backup attaches it for A", () => HandingOver().Settle().TickTo(13.5), "AttachForSuccessor(10.0.0.3)", "Holding, handing over to 10.0.0.3", 0.9 },
        { "a backup wakes at the reconciliation when it comes before anything else", () => Backup().TickTo(31.5), "", "NotHolding", 1.6 },
        { "at the reconciliation a backup looks at itself again", () => Backup().TickTo(33.1), "CheckSelf", "Unknown", 2.901 },
        {
            "a failed look: not tried again before its retry time, and the pass wakes then",
            () => Then(new DecisionBed(20, 10).TickTo(3.1), b => { b.Pass(); b.TickTo(3.4).Fail("CheckSelf"); }), "", "Unknown", 1
        },
        {
            "failed twice: the retry waits twice as long",
            () => Then(new DecisionBed(20, 10).TickTo(3.1), b => { b.Pass(); b.TickTo(3.4).Fail("CheckSelf").TickTo(4.4).Pass(); b.Fail("CheckSelf"); }), "", "Unknown", 2
        },
        {
            "a master that never held the address backs off after its attach failed twice (the retry waits twice as long)",
            () => Then(new DecisionBed(10, 20).TickTo(3.1), b => { b.Pass(); b.Answer("ListHolders"); b.TickTo(3.4).Fail("AttachSelf").TickTo(4.4).Pass(); b.Fail("AttachSelf"); }), "", "Unknown", 2
        },
        {
            "announced Master and no longer sure it holds the address (its reconciliation's attach failed twice), it tries again an interval later",
            () => Then(Master().TickTo(33.05), b => { b.Advance(0.1).Pass(); b.TickTo(33.4).Fail("AttachSelf").TickTo(34.4).Pass(); b.Fail("AttachSelf"); }), "", "Unknown", 1
        },
        { "a stall beyond D − I (3.5 s between passes, 2.5 s beyond the interval): beliefs dropped, the master lists and attaches again, and watches the holders every interval", () => Master().TickTo(10.5).Advance(3).HearA(), "ListHolders, AttachSelf", "Unknown", 1 },
        { "a stall shorter than D − I (2.9 s between passes, 1.9 s beyond the interval): beliefs kept", () => Master().TickTo(10.5).Advance(2.4).HearA(), "", "Holding", 3.001 },
        { "a pause only the wall clock saw, D − I long: beliefs dropped, and the holders watched every interval", () => Master().TickTo(10.5).HiddenPause(2).HearA(), "ListHolders, AttachSelf", "Unknown", 1 },
        { "a pause only the wall clock saw, shorter than D − I: beliefs kept", () => Master().TickTo(10.5).HiddenPause(1.9).HearA(), "", "Holding", 3.001 },
        { "deferring under a preempt delay, a backup wakes at the delay's end", () => Deferring().TickTo(6.5), "", "NotHolding", 1.6 },
        { "at the delay's end it asks for a fresh listing before it stops deferring", () => Deferring().TickTo(8.1), "ListHolders", "NotHolding", 2.901 },
        {
            "the fresh listing names A: it stops deferring, becomes master and attaches",
            () => Then(Deferring().TickTo(8.1), b => { b.Pass(); b.Answer("ListHolders"); }), "ListHolders, AttachSelf", "Unknown", 2.901
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void One_pass_issues_the_commands_of_the_role_and_wakes_at_the_first_time_it_waits_for(string name, Func<DecisionBed> arrange, string commands, string holding, double? wakeIn)
    {
        var bed = arrange();

        var pass = bed.Pass();

        Assert.True((commands, holding, wakeIn) == (pass.Commands, bed.Decisions.Holding.ToString(), pass.WakeIn),
            $"{name} (at {bed.Now} s): expected [{commands}], {holding}, wake in {wakeIn} s; was [{pass.Commands}], {bed.Decisions.Holding}, wake in {pass.WakeIn} s");
    }

    [Fact]
    public void A_detach_that_lands_after_the_role_it_was_decided_in_is_applied_then_looked_at_again()
    {
        // The master detaches its live backup A, which still holds the Elastic IP a release wait after this node found it.
        var bed = Then(Master(aHolds: true, found: true).TickTo(6.2), b => { b.Pass(); b.Answer("CheckSelf"); });
        Assert.Equal("DetachPeer(10.0.0.3)", bed.Pass().Commands);

        // A turns better while the detach is under way: this node is its backup now, and the detach lands after that.
        bed.APriority = 5;
        bed.HearA().Pass();
        Assert.Equal(ExoIp.Election.NodeRole.Backup, bed.Decisions.Role);
        bed.Answer("DetachPeer(10.0.0.3)");

        // A fact, but decided for a world that has moved on: the holders are listed at once (a backup lists none of its
        // own accord), and what the detach concerned is unknown until then.
        Assert.False(bed.AHolds);
        bed.Answer("ListHolders");
    }

    [Fact]
    public void An_attach_that_lands_after_the_node_became_backup_stands_and_the_holders_are_listed()
    {
        // The master's attach is under way when A turns better: this node is A's backup when the attach lands.
        var bed = new DecisionBed(10, 20).TickTo(3.1);
        Assert.Equal("ListHolders, AttachSelf", bed.Pass().Commands);
        bed.Answer("ListHolders");
        bed.APriority = 5;
        bed.HearA().Pass();
        Assert.Equal(ExoIp.Election.NodeRole.Backup, bed.Decisions.Role);
        bed.Answer("AttachSelf");

        // What it did to this node is a fact (the backup now holds the address, and hands it over from there); the
        // holders are listed again, the world having moved on since the attach was decided.
        Assert.StartsWith("Holding", bed.Decisions.Holding.ToString());
        bed.Answer("ListHolders");
    }
    [Fact]
    public void A_backup_whose_attach_as_master_hangs_looks_at_itself_through_listings_of_the_holders()
    {
        // The master's attach leaves and applies, and its answer does not come (it waits for the API timeout); A turns
        // better before the master's listing answers.
        var bed = new DecisionBed(10, 20).TickTo(3.1);
        Assert.Equal("ListHolders, AttachSelf", bed.Pass().Commands);
        bed.SelfHolds = true;
        bed.APriority = 5;
        bed.HearA().Pass();
        Assert.Equal((ExoIp.Election.NodeRole.Backup, "Unknown"), (bed.Decisions.Role, bed.Decisions.Holding.ToString()));
        bed.Answer("ListHolders"); // asked for as master: not the backup's look

        // No check of itself can run beside its own attach (one call about it at a time): a listing says whether it holds.
        Assert.Equal("ListHolders", bed.Pass().Commands);
        bed.Answer("ListHolders");
        Assert.Equal("Holding", bed.Decisions.Holding.ToString());

        // Holding it, it hands over: the successor's holding by a check, its own by a listing.
        Assert.Equal("ListHolders, CheckPeer(10.0.0.3)", bed.Pass().Commands);
        bed.AHolds = true;
        bed.Answer("CheckPeer(10.0.0.3)").Answer("ListHolders");
        Assert.Equal("Holding, handing over to 10.0.0.3 (releasing)", bed.Decisions.Holding.ToString());

        // A has it: this node would let go, but no detach can start beside the attach; it watches for A letting it go.
        Assert.Equal("", bed.Pass().Commands);
        bed.Advance(1); // the next look (the bed's TickTo would answer the attach)
        Assert.Equal("ListHolders, CheckPeer(10.0.0.3)", bed.Pass().Commands);
        bed.SelfHolds = false;
        bed.Answer("CheckPeer(10.0.0.3)").Answer("ListHolders");
        Assert.StartsWith("NotHolding", bed.Decisions.Holding.ToString());
        Assert.Equal("", bed.Pass().Commands);
    }
    [Fact]
    public void The_split_watch_lists_the_holders_an_interval_after_a_failed_listing_not_at_the_backoff()
    {
        // The master's backup A falls silent: dead at 13 s, and the master lists the holders every interval from then on.
        var bed = Master().TickTo(10.5);
        bed.APriority = null;
        bed.TickTo(13.5).Advance(0.6); // its first listing answered, the second due
        Assert.Equal("ListHolders", bed.Pass().Commands);

        // The API does not answer twice: the backoff would wait 2 s after the second failure; the watch looks an interval later.
        bed.Fail("ListHolders").Advance(1);
        Assert.Equal("ListHolders", bed.Pass().Commands);
        bed.Fail("ListHolders").Advance(1);
        Assert.Equal("ListHolders", bed.Pass().Commands);
    }
    [Fact]
    public void A_stopping_node_whose_detach_is_not_answered_learns_from_a_listing_that_it_let_go_and_tells_its_hooks()
    {
        // SIGTERM: the master advertises 255, A is master; the handover's first look finds A holding the address.
        var bed = Master().TickTo(10.4).Stop();
        Assert.Equal("CheckPeer(10.0.0.3), CheckSelf", bed.Pass().Commands);
        bed.AHolds = true;
        bed.Answer("CheckPeer(10.0.0.3)").Answer("CheckSelf");
        Assert.Equal("DetachSelf", bed.Pass().Commands);
        Assert.Equal("Master", bed.Announced); // a stopping node tells its hooks nothing of the role the election gives it

        // The detach applies and its answer is lost: the client waits for the API timeout. A listing of the holders says it
        // let go: its hooks hear Backup now, not Stopped at the timeout; the stop waits for the detach's answer.
        bed.SelfHolds = false;
        bed.Advance(1);
        Assert.Equal("ListHolders, CheckPeer(10.0.0.3)", bed.Pass().Commands);
        bed.Answer("ListHolders");
        bed.Pass();
        Assert.Equal(("Backup", (string?)null), (bed.Announced, bed.Outcome));
        bed.Answer("DetachSelf");
        bed.Pass();
        Assert.Equal("stopped; this node does not hold the Elastic IP", bed.Outcome);
    }
}
