using System;
using System.IO;
using ExoIp.Simulation;
using Xunit.Abstractions;

namespace ExoIp.Tests.Simulation;

/// <summary>The checker shows it can fail: a naive node breaks the contract on some seeds, and shrinking keeps the failure with fewer faults.</summary>
public class NaiveNodeTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Duration = TimeSpan.FromMinutes(10);

    [Fact]
    public void The_checker_finds_violations_of_a_naive_node_and_shrinks_the_schedule()
    {
        RunResult? failing = null;
        for (var seed = 1; seed <= 40 && failing is null; seed++)
        {
            var result = SimulationRun.Run(seed, () => new NaiveNode(), Duration);
            if (!result.Passed && result.Schedule.Count >= 3) failing = result;
        }
        Assert.NotNull(failing);

        var shrunk = Shrinker.Shrink(failing, () => new NaiveNode(), null);
        var report = FailureReport.Write(shrunk, failing.Schedule.Count, () => new NaiveNode());
        output.WriteLine(report);

        Assert.False(shrunk.Passed);
        Assert.True(shrunk.Schedule.Count < failing.Schedule.Count,
            $"shrinking kept {shrunk.Schedule.Count} of {failing.Schedule.Count} faults");
        Assert.Contains($"seed {failing.Seed} FAILED", report);
        Assert.Contains("holder history", report);
        Assert.Contains("naive:", report);
        // The shrunk schedule replays to the same violations.
        var replay = SimulationRun.Run(failing.Seed, () => new NaiveNode(), Duration, schedule: shrunk.Schedule);
        Assert.Equal(shrunk.Report.Violations, replay.Report.Violations);
    }

    [Fact]
    public void The_command_line_ends_with_the_campaign_line_and_exits_1_on_violations()
    {
        var text = new StringWriter();
        var errors = new StringWriter();
        var exit = Program.Run(["--seeds", "20", "--minutes", "10"], () => new NaiveNode(), text, errors);
        output.WriteLine(text.ToString());

        var lines = text.ToString().TrimEnd().Split('\n');
        Assert.Matches(@"^campaign: 20 seeds, 3\.33 simulated hours, \d+ faults, [1-9]\d* violations$", lines[^1].TrimEnd('\r'));
        Assert.Equal(1, exit);
        Assert.Contains(lines, l => l.StartsWith("faults by kind: Kill ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("violations by invariant: I1a ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("worst ratio to bound: I1a ", StringComparison.Ordinal));
        Assert.Equal("", errors.ToString());
    }

    [Theory]
    [InlineData(new string[0], "give --seeds N, --seed S, or both.")]
    [InlineData(new[] { "--seeds", "zero" }, "--seeds: 'zero' is not a positive integer.")]
    [InlineData(new[] { "--seeds", "3", "--bogus", "1" }, "unknown argument '--bogus'.")]
    [InlineData(new[] { "--seeds" }, "--seeds needs a value.")]
    [InlineData(new[] { "--seed", "1", "--nodes", "1" }, "--nodes: 1 is out of range 2–32.")]
    public void Bad_arguments_print_one_line_and_exit_2(string[] args, string message)
    {
        var text = new StringWriter();
        var errors = new StringWriter();

        var exit = Program.Run(args, () => new NaiveNode(), text, errors);

        Assert.Equal(2, exit);
        Assert.Equal("", text.ToString());
        var line = Assert.Single(errors.ToString().TrimEnd().Split('\n'));
        Assert.StartsWith("campaign: " + message, line);
    }

    [Fact]
    public void Without_a_node_adapter_the_command_line_says_so()
    {
        var errors = new StringWriter();

        Assert.Equal(2, Program.Run(["--seeds", "1"], null, new StringWriter(), errors));
        Assert.Contains("no node adapter", errors.ToString());
    }
}
