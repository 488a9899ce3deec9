using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;

namespace ExoIp.Simulation;

/// <summary>
/// Runs seeds, shrinks and reports the failing ones, and prints the totals, ending with exactly one line:
/// <c>campaign: N seeds, H simulated hours, F faults, V violations</c>.
/// </summary>
public sealed class Campaign
{
    private readonly Func<ISimulatedNode> _factory;
    private readonly TimeSpan _duration;
    private readonly int? _nodes;
    private readonly TextWriter _output;
    private readonly int _reportedFailures;
    private readonly bool _shrink;

    /// <summary>A campaign of runs lasting <paramref name="duration"/> each, with nodes from <paramref name="factory"/>.</summary>
    /// <param name="reportedFailures">How many failing seeds are shrunk and reported in full (the others get one line).</param>
    /// <param name="shrink">False: a failing seed is reported with its whole schedule (to see all it did, not the smallest part that fails).</param>
    public Campaign(Func<ISimulatedNode> factory, TimeSpan duration, int? nodes, TextWriter output, int reportedFailures = 3, bool shrink = true)
    {
        _shrink = shrink;
        _factory = factory;
        _duration = duration;
        _nodes = nodes;
        _output = output;
        _reportedFailures = reportedFailures;
    }

    /// <summary>Runs <paramref name="seeds"/> and prints the totals.</summary>
    public CampaignTotals Run(IEnumerable<long> seeds)
    {
        var totals = new CampaignTotals();
        var watch = Stopwatch.StartNew();
        foreach (var seed in seeds)
        {
            var result = SimulationRun.Run(seed, _factory, _duration, _nodes);
            totals.Add(result);
            if (result.Passed) continue;
            if (totals.FailingSeeds.Count <= _reportedFailures)
            {
                var shrunk = _shrink ? Shrinker.Shrink(result, _factory, _nodes) : result;
                _output.Write(FailureReport.Write(shrunk, result.Schedule.Count, _factory));
            }
            else
            {
                var more = result.Report.Violations.Count - 1;
                _output.WriteLine($"seed {seed} FAILED: {result.Report.Violations[0]}{(more > 0 ? $" (and {more} more)" : "")} (replay with --seed {seed})");
            }
        }
        watch.Stop();
        WriteTotals(totals, watch.Elapsed);
        return totals;
    }

    private void WriteTotals(CampaignTotals totals, TimeSpan wall)
    {
        var inv = CultureInfo.InvariantCulture;
        var line = new StringBuilder("faults by kind:");
        foreach (var kind in Enum.GetValues<FaultKind>()) line.Append(inv, $" {kind} {totals.FaultsByKind[(int)kind]},");
        _output.WriteLine(line.ToString().TrimEnd(','));
        line.Clear().Append("violations by invariant:");
        foreach (var invariant in Enum.GetValues<Invariant>()) line.Append(inv, $" {invariant} {totals.ViolationsByInvariant[(int)invariant]},");
        _output.WriteLine(line.ToString().TrimEnd(','));
        line.Clear().Append("worst ratio to bound:");
        foreach (var invariant in Enum.GetValues<Invariant>())
            if (invariant != Invariant.I6) line.Append(inv, $" {invariant} {totals.Worst[(int)invariant]:0.00},");
        _output.WriteLine(line.ToString().TrimEnd(','));
        if (totals.FailingSeeds.Count > 0) _output.WriteLine("failing seeds: " + string.Join(" ", totals.FailingSeeds));
        var seconds = Math.Max(wall.TotalSeconds, 1e-9);
        _output.WriteLine(string.Format(inv, "wall time {0:0.0} s, {1:0.0} seeds/s, {2:0.00} M events", wall.TotalSeconds, totals.Seeds / seconds, totals.Events / 1e6));
        _output.WriteLine(string.Format(inv, "campaign: {0} seeds, {1:0.##} simulated hours, {2} faults, {3} violations",
            totals.Seeds, totals.SimulatedTicks / (double)TimeSpan.TicksPerHour, totals.Faults, totals.Violations));
    }
}
