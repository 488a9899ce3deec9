using System;
using System.Collections.Generic;
using System.Linq;

namespace ExoIp.Emulator.Tests;

public class HolderStatisticsTests
{
    private static readonly DateTimeOffset T0 = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static HolderChange Change(double seconds, string instance, string action) =>
        new(T0.AddSeconds(seconds), "eip", "198.51.100.50", instance, action, "op");

    private static HolderStats Compute(IEnumerable<HolderChange> changes, double? from = null, double to = 100) =>
        HolderStatistics.Compute(changes.ToList(), from is null ? DateTimeOffset.MinValue : T0.AddSeconds(from.Value), T0.AddSeconds(to), []);

    [Fact]
    public void A_clean_handover_has_an_overlap_and_no_gap()
    {
        var stats = Compute([Change(0, "a", "attach"), Change(10, "b", "attach"), Change(12, "a", "detach")]);

        Assert.Equal(TimeSpan.Zero, stats.LongestWithoutHolder);
        Assert.Equal(TimeSpan.FromSeconds(2), stats.LongestWithSeveralHolders);
        Assert.Equal(3, stats.Changes);
    }

    [Fact]
    public void A_release_before_the_takeover_is_a_gap()
    {
        var stats = Compute([Change(0, "a", "attach"), Change(10, "a", "detach"), Change(13, "b", "attach"), Change(20, "b", "detach"), Change(21, "a", "attach")]);

        Assert.Equal(TimeSpan.FromSeconds(3), stats.LongestWithoutHolder);
        Assert.Equal(TimeSpan.Zero, stats.LongestWithSeveralHolders);
    }

    [Fact]
    public void The_time_before_the_first_holder_is_no_gap()
    {
        var stats = Compute([Change(50, "a", "attach")]);

        Assert.Equal(TimeSpan.Zero, stats.LongestWithoutHolder);
    }

    [Fact]
    public void Open_stretches_count_up_to_the_end_of_the_window()
    {
        var gap = Compute([Change(0, "a", "attach"), Change(90, "a", "detach")]);
        var overlap = Compute([Change(0, "a", "attach"), Change(60, "b", "attach")]);

        Assert.Equal(TimeSpan.FromSeconds(10), gap.LongestWithoutHolder);
        Assert.Equal(TimeSpan.FromSeconds(40), overlap.LongestWithSeveralHolders);
    }

    [Fact]
    public void Three_holders_then_two_is_one_stretch_with_several()
    {
        var stats = Compute([Change(0, "a", "attach"), Change(10, "b", "attach"), Change(11, "c", "attach"), Change(15, "a", "detach"), Change(20, "b", "detach")]);

        Assert.Equal(TimeSpan.FromSeconds(10), stats.LongestWithSeveralHolders);
    }

    [Fact]
    public void A_window_clips_stretches_and_counts_only_its_changes()
    {
        List<HolderChange> changes = [Change(0, "a", "attach"), Change(10, "a", "detach"), Change(40, "a", "attach"), Change(50, "b", "attach")];

        var stats = Compute(changes, from: 30, to: 55);

        Assert.Equal(TimeSpan.FromSeconds(10), stats.LongestWithoutHolder);
        Assert.Equal(TimeSpan.FromSeconds(5), stats.LongestWithSeveralHolders);
        Assert.Equal(2, stats.Changes);
    }
}
