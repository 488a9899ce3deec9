using System;
using System.Linq;
using ExoIp.Metrics;
using ExoIp.Watchdog;

namespace ExoIp.Tests.Metrics;

/// <summary>The reason label of exoip_datagrams_dropped_total, as a dashboard's query spells it.</summary>
public class DropReasonLabelTests
{
    [Theory]
    [InlineData(DatagramDropReason.NotIPv4, "not_ipv4")]
    [InlineData(DatagramDropReason.WrongLength, "wrong_length")]
    [InlineData(DatagramDropReason.PriorityCheckMismatch, "priority_check_mismatch")]
    [InlineData(DatagramDropReason.UnknownKey, "unknown_key")]
    public void Labels_are_snake_case_with_acronyms_as_one_word(DatagramDropReason reason, string label) =>
        Assert.Equal(label, WatchdogMetrics.Snake(reason.ToString()));

    [Fact]
    public void Every_reason_has_a_lowercase_label_without_doubled_or_edge_underscores()
    {
        foreach (var label in Enum.GetValues<DatagramDropReason>().Select(r => WatchdogMetrics.Snake(r.ToString())))
        {
            Assert.Matches("^[a-z0-9]+(_[a-z0-9]+)*$", label);
        }
    }
}
