using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ExoIp.Simulation;

/// <summary>
/// The text a failing seed prints: the seed and its parameters, the shrunk fault schedule, the first violation,
/// the holder history around it, and what each node believed at that moment.
/// </summary>
public static class FailureReport
{
    /// <summary>Writes the report of <paramref name="shrunk"/> (the original had <paramref name="originalFaults"/> faults).</summary>
    public static string Write(RunResult shrunk, int originalFaults, Func<ISimulatedNode> factory)
    {
        var p = shrunk.Parameters;
        var record = shrunk.Record;
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine($"seed {shrunk.Seed} FAILED: {shrunk.Report.Violations.Count} violation(s)");
        text.AppendLine(string.Format(inv, "  parameters: {0} nodes, I {1} (per node: {2}), R {3}, D {4}, A {5}, H {6}, Rc {7}, ApiTimeout {8}, peers {9}",
            p.NodeCount, Ticks.Text(p.Interval.Ticks), string.Join("/", Array.ConvertAll(p.Intervals, i => Ticks.Text(i.Ticks))), p.DeadRatio,
            Ticks.Text(p.DeadTime.Ticks), Ticks.Text(p.Action.Ticks), Ticks.Text(p.HoldOff.Ticks), Ticks.Text(p.ReconcileInterval.Ticks),
            Ticks.Text(p.ApiTimeout.Ticks), p.PeerSource));
        for (var i = 0; i < record.NodeCount; i++)
            text.AppendLine($"  node {i}: instance {record.InstanceIds[i]}, priority at the end {record.FinalPriorities[i]}");
        text.AppendLine($"  fault schedule shrunk from {originalFaults} to {shrunk.Schedule.Count}:");
        foreach (var fault in shrunk.Schedule) text.AppendLine("    " + fault);
        text.AppendLine("  faults as applied:");
        foreach (var applied in record.Faults)
            text.AppendLine($"    {applied.Fault.Kind} of {Fault.TargetText(applied.Target)} from {Ticks.Text(applied.Start)} to {(applied.End == long.MaxValue ? "the end" : Ticks.Text(applied.End))}");
        text.AppendLine("  violations:");
        foreach (var violation in shrunk.Report.Violations) text.AppendLine("    " + violation);
        if (shrunk.Report.Violations.Count == 0) return text.ToString();

        var at = shrunk.Report.Violations[0].At;
        var from = at - 2 * p.DeadTime.Ticks - 2 * p.Action.Ticks - p.ReconcileInterval.Ticks;
        var to = at + p.DeadTime.Ticks;
        text.AppendLine($"  holder history from {Ticks.Text(Math.Max(0, from))} to {Ticks.Text(to)}:");
        foreach (var change in record.Holders)
        {
            if (change.At < from || change.At > to || change.Instance < 0) continue;
            var by = change.ByNode < 0 ? "by hand" : "by node " + change.ByNode;
            var what = change.Instance == record.StrayIndex ? "the stray" : "node " + change.Instance;
            text.AppendLine($"    {Ticks.Text(change.At)} {(change.Attached ? "attach" : "detach")} {what} {by} -> {Checker.HolderText(change.Holders, record.StrayIndex)}");
        }
        text.AppendLine("  role changes in that window:");
        foreach (var observation in record.Observations)
            if (observation.At >= from && observation.At <= to)
                text.AppendLine($"    {Ticks.Text(observation.At)} node {observation.Node}: {observation.Observation.Role}, announced {observation.Observation.AnnouncedRole ?? "nothing"}, holding {Text(observation.Observation.BelievesHolding)}, advertises {observation.Observation.AdvertisedPriority}");
        text.AppendLine($"  beliefs at {Ticks.Text(at)} (replayed):");
        var nodes = SimulationRun.NodesAt(shrunk, factory, at);
        for (var i = 0; i < nodes.Length; i++) text.AppendLine($"    node {i}: {nodes[i]}");
        return text.ToString();
    }

    private static string Text(bool? value) => value is { } v ? (v ? "yes" : "no") : "unknown";
}
