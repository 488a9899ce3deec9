using System;
using ExoIp.Watchdog;

namespace ExoIp.Tests.Watchdog;

/// <summary>Which node is the misconfigured one: the one whose key verified nothing, or whose own wall clock stepped.</summary>
public class VerificationWatchTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan DeadTime = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(4);

    private static DateTimeOffset At(double seconds) => Start + TimeSpan.FromSeconds(seconds);

    [Fact]
    public void A_key_mismatch_makes_the_key_the_suspect_only_until_an_advert_is_accepted_and_only_within_the_dead_time()
    {
        var watch = new VerificationWatch();
        Assert.False(watch.KeySuspect(At(0), DeadTime));

        watch.KeyMismatch(At(1));
        Assert.True(watch.KeySuspect(At(1), DeadTime));
        Assert.False(watch.KeySuspect(At(4.1), DeadTime));

        watch.Accepted(At(5), At(5), withNextKey: false);
        watch.KeyMismatch(At(6));
        Assert.False(watch.KeySuspect(At(6), DeadTime));

        watch.KeysChanged();
        Assert.True(watch.KeySuspect(At(6), DeadTime));
    }

    [Fact]
    public void Stale_adverts_at_a_node_whose_clock_held_still_make_the_peers_clock_the_suspect()
    {
        var watch = new VerificationWatch();
        watch.Accepted(At(1), At(1), withNextKey: false);

        watch.Stale(At(2));

        Assert.False(watch.ClockSuspect(At(2), At(2.5), Window, alone: false));
        Assert.False(watch.ClockSuspect(At(2), At(2.5), Window, alone: true));
    }

    [Theory]
    [InlineData(-2452.0)]
    [InlineData(4.0)]
    [InlineData(-4.0)]
    public void Stale_adverts_after_its_own_wall_clock_stepped_a_window_make_the_node_the_suspect(double step)
    {
        var watch = new VerificationWatch();
        watch.Accepted(At(1), At(1), withNextKey: false);

        watch.Stale(At(2));

        Assert.True(watch.ClockSuspect(At(2), At(2 + step), Window, alone: false));
    }

    [Fact]
    public void A_step_smaller_than_the_window_is_not_suspect()
    {
        var watch = new VerificationWatch();
        watch.Accepted(At(1), At(1), withNextKey: false);
        watch.Stale(At(2));

        Assert.False(watch.ClockSuspect(At(2), At(2 + 3.9), Window, alone: false));
    }

    [Fact]
    public void A_node_that_accepted_nothing_yet_is_the_suspect_of_stale_adverts_once_it_is_alone()
    {
        var watch = new VerificationWatch();
        Assert.False(watch.ClockSuspect(At(0), At(0), Window, alone: true));

        watch.Stale(At(0.5));

        Assert.False(watch.ClockSuspect(At(1), At(1), Window, alone: false));
        Assert.True(watch.ClockSuspect(At(1), At(1), Window, alone: true));
    }

    [Fact]
    public void The_suspicion_lasts_through_silence_and_an_accepted_advert_ends_it()
    {
        var watch = new VerificationWatch();
        watch.Accepted(At(1), At(1), withNextKey: false);
        watch.Stale(At(2));

        // Cut off from its peers: nothing comes, and nothing proves its clock right again.
        Assert.True(watch.ClockSuspect(At(60), At(60 + 100), Window, alone: false));

        // Its clock set right (or a peer's agreeing with it): the next advert it accepts clears the suspicion.
        watch.Accepted(At(61), At(61), withNextKey: false);
        Assert.False(watch.ClockSuspect(At(61), At(61), Window, alone: false));
    }

    [Fact]
    public void Peers_sign_with_the_next_key_only_while_none_used_the_current_one_within_the_window()
    {
        var watch = new VerificationWatch();
        Assert.False(watch.PeersSignWithNextKeyOnly(At(0), DeadTime));

        watch.Accepted(At(1), At(1), withNextKey: true);
        Assert.True(watch.PeersSignWithNextKeyOnly(At(1), DeadTime));
        Assert.False(watch.PeersSignWithNextKeyOnly(At(4.1), DeadTime)); // heard nothing since: it says nothing now

        watch.Accepted(At(5), At(5), withNextKey: true);
        watch.Accepted(At(5.5), At(5.5), withNextKey: false); // one peer already on this node's current key
        Assert.False(watch.PeersSignWithNextKeyOnly(At(6), DeadTime));
        watch.Accepted(At(8), At(8), withNextKey: true);
        Assert.False(watch.PeersSignWithNextKeyOnly(At(8), DeadTime));
        Assert.True(watch.PeersSignWithNextKeyOnly(At(8.6), DeadTime)); // that peer's last current-key advert is a dead time old

        watch.KeysChanged();
        Assert.False(watch.PeersSignWithNextKeyOnly(At(8.6), DeadTime));
    }

    [Fact]
    public void Answering_in_the_next_key_is_asked_once_taken_once_and_asked_again_only_after_the_keys_change()
    {
        var watch = new VerificationWatch();
        Assert.False(watch.TakeNextKeyRequest());

        Assert.True(watch.AnswerInNextKey());
        Assert.False(watch.AnswerInNextKey());
        Assert.True(watch.TakeNextKeyRequest());
        Assert.False(watch.TakeNextKeyRequest());
        Assert.False(watch.AnswerInNextKey()); // it signs with the next key already

        watch.KeysChanged();
        Assert.False(watch.TakeNextKeyRequest());
        Assert.True(watch.AnswerInNextKey());
        Assert.True(watch.TakeNextKeyRequest());
    }
}
