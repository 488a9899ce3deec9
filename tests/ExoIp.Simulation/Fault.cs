using System;
using System.Globalization;

namespace ExoIp.Simulation;

/// <summary>
/// One fault of a schedule, as data: printable and replayable. An aimed fault starts <see cref="Start"/> after
/// the <see cref="Occurrence"/>-th trigger of its <see cref="Aim"/>, and a <see cref="Target"/> of -1 then means
/// the node that triggered it. A <see cref="Duration"/> of <see cref="TimeSpan.MaxValue"/> lasts to the end.
/// </summary>
public sealed record Fault(FaultKind Kind, int Target, int Other, TimeSpan Start, TimeSpan Duration, double Parameter,
    FaultAim Aim = FaultAim.Instant, int Occurrence = 0)
{
    /// <summary>The node a trigger points at when <see cref="Target"/> is -1.</summary>
    public const int TriggeringNode = -1;

    /// <summary>An API fault's target when it hits every node's calls (the API itself refusing or slow).</summary>
    public const int EveryNode = -2;

    /// <summary>"node 2", "every node" or "the triggering node".</summary>
    public static string TargetText(int target) => target switch
    {
        TriggeringNode => "the triggering node",
        EveryNode => "every node",
        _ => "node " + target,
    };

    /// <summary>True when it lasts to the end of the run.</summary>
    public bool Permanent => Duration == TimeSpan.MaxValue;

    /// <inheritdoc />
    public override string ToString()
    {
        var at = Aim == FaultAim.Instant
            ? $"at {Seconds(Start)}"
            : $"{Seconds(Start)} after {Aim} #{Occurrence}";
        var target = TargetText(Target);
        var other = Kind is FaultKind.Partition or FaultKind.OneWayPartition or FaultKind.Loss ? $" and node {Other}" : "";
        var duration = Permanent ? "to the end" : "for " + Seconds(Duration);
        var parameter = Parameter == 0 ? "" : " (" + Parameter.ToString("0.###", CultureInfo.InvariantCulture) + ")";
        return $"{Kind} of {target}{other} {at} {duration}{parameter}";
    }

    private static string Seconds(TimeSpan time) => Ticks.Text(time.Ticks);
}
