using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using ExoIp.Simulation;
using ExoIp.Tests.Exoscale;

namespace ExoIp.Tests.Simulation;

/// <summary>
/// The real-process tier's half in the checker: the emulator's holder history (real HTTP, the real client) and a
/// driver's facts, read as a run log, checked by the same checker and from the command line.
/// </summary>
public class RealRunTests : IAsyncLifetime
{
    private ApiTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await ApiTestBed.StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    // Node A holds; B becomes the better node (SIGUSR1) and takes over make-before-break, A's detach after
    // `overlap`. With A = actionSeconds, I2 allows 2A + 0.2 s of overlap.
    private async Task<ExternalRun> HandoverAsync(TimeSpan overlap, double actionSeconds)
    {
        var client = _bed.Client();
        var started = DateTimeOffset.UtcNow;
        await client.AttachElasticIpAsync(ApiTestBed.EipId, ApiTestBed.NodeA);
        var flip = DateTimeOffset.UtcNow;
        await client.AttachElasticIpAsync(ApiTestBed.EipId, ApiTestBed.NodeB);
        await Task.Delay(overlap);
        await client.DetachElasticIpAsync(ApiTestBed.EipId, ApiTestBed.NodeA);
        var history = _bed.Emulator.History(ApiTestBed.EipId).Select(c => new ExternalHolderChange(c.Time, c.InstanceId, c.Action)).ToList();
        return new ExternalRun(
            new ExternalSettings(0.2, 3, 0.1, 30, 10, actionSeconds),
            started, DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(10),
            [new ExternalNode(ApiTestBed.NodeA, 10), new ExternalNode(ApiTestBed.NodeB, 5)],
            history,
            [new ExternalFact(started, 0, true, true, "Master"), new ExternalFact(started, 1, true, true, "Backup"),
             new ExternalFact(flip, 1, null, null, "Master"), new ExternalFact(flip, 0, null, null, "Backup")],
            [new ExternalFault(nameof(FaultKind.PriorityFlip), 1, flip, flip)]);
    }

    [Fact]
    public async Task A_quick_make_before_break_handover_in_the_emulator_violates_nothing()
    {
        var run = await HandoverAsync(TimeSpan.Zero, actionSeconds: 5);

        var record = run.ToRecord();

        Assert.Equal(3, record.Holders.Count - 1);
        Assert.Empty(Checker.Check(record).Violations);
    }

    [Fact]
    public async Task Two_holders_in_the_emulator_for_longer_than_2A_plus_epsilon_violate_I2()
    {
        var run = await HandoverAsync(TimeSpan.FromSeconds(1), actionSeconds: 0.3);

        var report = Checker.Check(run.ToRecord());

        Assert.Contains(report.Violations, v => v.Invariant == Invariant.I2);
    }

    [Fact]
    public async Task Under_a_slowdown_A_is_the_slowed_operations_time()
    {
        var run = await HandoverAsync(TimeSpan.FromSeconds(1), actionSeconds: 0.3);
        var slow = new ExternalFault(nameof(FaultKind.ApiSlow), -2, run.StartedAt, run.EndedAt, OperationDelayMilliseconds: 1000);

        var report = Checker.Check((run with { Faults = [.. run.Faults, slow] }).ToRecord());

        Assert.DoesNotContain(report.Violations, v => v.Invariant == Invariant.I2); // 2 x (0.3 + 1) s + ε allows the 1 s overlap
    }

    [Fact]
    public async Task The_command_line_checks_a_run_log()
    {
        var run = await HandoverAsync(TimeSpan.FromSeconds(1), actionSeconds: 0.3);
        var path = Path.Combine(Path.GetTempPath(), $"exoip-run-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(run, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        try
        {
            var output = new StringWriter();
            var exit = Program.Run(["--check-run", path], null, output, new StringWriter());

            var lines = output.ToString().TrimEnd().Split('\n');
            Assert.Equal(1, exit);
            // Real HTTP on a loaded machine may add other violations before it (a slow first attach): I2 is among them.
            Assert.Contains(lines, l => l.StartsWith("I2 at ", StringComparison.Ordinal));
            Assert.Matches(@"^campaign \(real processes\): [\d.]+ minutes, 1 faults, [1-9]\d* violations$", lines[^1].TrimEnd('\r'));

            await File.WriteAllTextAsync(path, "{ not json");
            var errors = new StringWriter();
            Assert.Equal(2, Program.Run(["--check-run", path], null, new StringWriter(), errors));
            Assert.StartsWith("campaign: " + path + ": not a run log", errors.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
