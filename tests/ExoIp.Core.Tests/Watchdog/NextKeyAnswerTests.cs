namespace ExoIp.Tests.Watchdog;

/// <summary>
/// A master whose peers sign with its next key, and which another node detached: they lack its current key (a rotation's
/// second step done on it before the first on them), so it signs with theirs from then on (<see cref="DecisionBed"/>:
/// this node 10, its peer A 20, 1 s × 3, reconciliation every 30 s).
/// </summary>
public class NextKeyAnswerTests
{
    // The master holds the Elastic IP since 3.1 s; at 10 s A takes it (A cannot hear it), and the reconciliation finds out.
    private static DecisionBed DetachedByA(bool aSignsWithNextKey)
    {
        var bed = new DecisionBed(10, 20) { ASignsWithNextKey = aSignsWithNextKey }.TickTo(10).Settle();
        bed.SelfHolds = false;
        bed.AHolds = true;
        return bed.TickTo(40);
    }

    [Fact]
    public void A_master_detached_by_a_peer_that_signs_with_its_next_key_signs_with_that_key_once()
    {
        var bed = DetachedByA(aSignsWithNextKey: true);

        Assert.Equal(1, bed.NextKeySwitches);
        Assert.Equal(ExoIp.Election.NodeRole.Master, bed.Decisions.Role);
    }

    [Fact]
    public void A_master_detached_by_a_peer_on_its_current_key_keeps_its_key()
    {
        var bed = DetachedByA(aSignsWithNextKey: false);

        Assert.Equal(0, bed.NextKeySwitches);
    }

    [Fact]
    public void A_master_that_let_go_itself_keeps_its_key()
    {
        // A turns better: this node hands over and detaches itself; losing the address it let go of says nothing of its key.
        var bed = new DecisionBed(10, 20) { ASignsWithNextKey = true }.TickTo(10).Settle();
        bed.APriority = 5;
        bed.TickTo(12).Settle();
        bed.AHolds = true;
        bed.TickTo(40);

        Assert.False(bed.SelfHolds);
        Assert.Equal(0, bed.NextKeySwitches);
    }
}
