using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Notify;
using ExoIp.Processes;
using ExoIp.Tests.Processes;

namespace ExoIp.Tests.Notify;

public sealed class NotifyRunnerTests : IDisposable
{
    private readonly ScriptFiles _files = new();
    private readonly ConcurrentQueue<NotifyResult> _results = new();

    public void Dispose() => _files.Dispose();

    private static RoleChange Change(string role, string? previous, string reason = "test") =>
        new(DateTimeOffset.UtcNow, "lb", "198.51.100.50", role, previous, reason);

    private NotifyRunner Runner(string commandLine, TimeSpan? timeout = null, int capacity = NotifyRunner.DefaultCapacity) =>
        Runner(new[] { commandLine }, timeout, capacity);

    private NotifyRunner Runner(string[] commandLines, TimeSpan? timeout = null, int capacity = NotifyRunner.DefaultCapacity) =>
        new(commandLines.Select(c => (INotifyHook)new CommandNotifyHook(ExternalCommand.Parse(c))).ToArray(), timeout ?? NotifyRunner.DefaultTimeout, _results.Enqueue, capacity: capacity);

    /// <summary>A hook that logs each role and hangs on <paramref name="role"/>, writing its pid first.</summary>
    private (string Hook, string Log, string Pid) HangingOn(string role)
    {
        var pid = _files.PathOf("pid");
        var log = _files.PathOf("log");
        return (_files.Script("hook", $"echo \"$1\" >> '{log}'; if [ \"$1\" = {role} ]; then echo $$ > '{pid}'; exec sleep 300; fi"), log, pid);
    }

    private Task ResultsAsync(int count) => Eventually.HoldsAsync(() => _results.Count >= count, ScriptFiles.Deadline, $"{count} result(s)",
        () => string.Join("; ", _results.Select(r => $"{r.Change.Role} {r.Outcome} {r.Detail}")));

    [Fact]
    public async Task The_command_sees_each_change_in_order_with_its_arguments_and_variables()
    {
        var log = _files.PathOf("log");
        var hook = _files.Script("hook",
            $"echo \"$# $1 $2 $3 role=$EXOIP_ROLE previous=$EXOIP_PREVIOUS_ROLE eip=$EXOIP_ELASTIC_IP name=$EXOIP_NAME reason=$EXOIP_REASON\" >> '{log}'");
        var runner = Runner($"{hook} --from-exoip");
        Assert.True(runner.Enqueue(Change("Backup", null, "a better peer is alive")));
        Assert.True(runner.Enqueue(Change("Master", "Backup", "the master died")));
        Assert.True(runner.Enqueue(Change("Fault", "Master", "tcp://127.0.0.1:80: Connection refused")));
        Assert.True(runner.Enqueue(Change("Stopped", "Fault", "stopped")));
        await runner.CompleteAsync().WaitAsync(ScriptFiles.Deadline);

        Assert.Equal(new[]
        {
            "3 --from-exoip Backup 198.51.100.50 role=Backup previous= eip=198.51.100.50 name=lb reason=a better peer is alive",
            "3 --from-exoip Master 198.51.100.50 role=Master previous=Backup eip=198.51.100.50 name=lb reason=the master died",
            "3 --from-exoip Fault 198.51.100.50 role=Fault previous=Master eip=198.51.100.50 name=lb reason=tcp://127.0.0.1:80: Connection refused",
            "3 --from-exoip Stopped 198.51.100.50 role=Stopped previous=Fault eip=198.51.100.50 name=lb reason=stopped",
        }, File.ReadAllLines(log));
        Assert.Equal(new[] { "Backup", "Master", "Fault", "Stopped" }, _results.Select(r => r.Change.Role));
        Assert.All(_results, r => Assert.Equal((NotifyOutcome.Succeeded, 0), (r.Outcome, r.ExitCode)));
        Assert.All(_results, r => Assert.True(r.Duration > TimeSpan.Zero));
    }

    [Fact]
    public async Task Runs_are_one_at_a_time()
    {
        var log = _files.PathOf("log");
        var hook = _files.Script("hook", $"echo \"start $1\" >> '{log}'; sleep 0.2; echo \"end $1\" >> '{log}'");
        var runner = Runner(hook);
        foreach (var role in new[] { "Backup", "Master", "Backup" }) runner.Enqueue(Change(role, null));
        await runner.CompleteAsync().WaitAsync(ScriptFiles.Deadline);
        Assert.Equal(new[] { "start Backup", "end Backup", "start Master", "end Master", "start Backup", "end Backup" }, File.ReadAllLines(log));
    }

    [Fact]
    public async Task A_failing_command_is_reported_with_its_exit_code_and_the_next_change_still_runs()
    {
        var hook = _files.Script("hook", "if [ \"$1\" = Master ]; then echo 'cannot reload haproxy' >&2; exit 4; fi");
        var runner = Runner(hook);
        runner.Enqueue(Change("Master", "Backup"));
        runner.Enqueue(Change("Backup", "Master"));
        await runner.CompleteAsync().WaitAsync(ScriptFiles.Deadline);
        var results = _results.ToArray();
        Assert.Equal((NotifyOutcome.Failed, 4, "cannot reload haproxy"), (results[0].Outcome, results[0].ExitCode, results[0].Detail));
        Assert.Equal((NotifyOutcome.Succeeded, 0), (results[1].Outcome, results[1].ExitCode));
    }

    [Fact]
    public async Task A_hanging_command_is_killed_at_the_timeout_and_the_queue_goes_on()
    {
        var (hook, log, pid) = HangingOn("Master");
        var runner = Runner(hook, TimeSpan.FromSeconds(1));
        runner.Enqueue(Change("Master", "Backup"));
        // Enqueue does not wait for the hanging run.
        runner.Enqueue(Change("Backup", "Master"));
        await ResultsAsync(1);
        var timedOut = _results.First();
        Assert.Equal(NotifyOutcome.TimedOut, timedOut.Outcome);
        Assert.Null(timedOut.ExitCode);
        Assert.StartsWith("still running after 1 s: stopped", timedOut.Detail);
        Assert.False(ScriptFiles.IsAlive(ScriptFiles.ReadPid(pid)));
        await runner.CompleteAsync().WaitAsync(ScriptFiles.Deadline);
        Assert.Equal(NotifyOutcome.Succeeded, _results.Last().Outcome);
        Assert.Equal(new[] { "Master", "Backup" }, File.ReadAllLines(log));
    }

    [Fact]
    public async Task When_the_hook_falls_behind_the_oldest_waiting_changes_are_skipped_and_said_so()
    {
        var release = _files.PathOf("release");
        var log = _files.PathOf("log");
        var hook = _files.Script("hook", $"echo \"$1\" >> '{log}'; while [ ! -e '{release}' ]; do sleep 0.05; done");
        var runner = Runner(hook, capacity: 2);
        runner.Enqueue(Change("Master", null));
        await Eventually.HoldsAsync(() => File.Exists(log), ScriptFiles.Deadline, "the first run starts");
        foreach (var role in new[] { "Backup", "Fault", "Backup", "Master" }) runner.Enqueue(Change(role, null));
        File.WriteAllText(release, "");
        await runner.CompleteAsync().WaitAsync(ScriptFiles.Deadline);

        var skipped = _results.Where(r => r.Outcome == NotifyOutcome.Skipped).Select(r => r.Change.Role).ToArray();
        Assert.Equal(new[] { "Backup", "Fault" }, skipped);
        Assert.All(_results.Where(r => r.Outcome == NotifyOutcome.Skipped), r => Assert.Contains("skipped: 2 newer role changes were waiting", r.Detail));
        Assert.Equal(new[] { "Master", "Backup", "Master" }, File.ReadAllLines(log));
    }

    [Fact]
    public async Task Several_hooks_run_one_after_the_other_for_each_change_in_order_with_one_result_each()
    {
        var log = _files.PathOf("log");
        var first = _files.Script("first", $"echo \"first start $1\" >> '{log}'; sleep 0.1; echo \"first end $1\" >> '{log}'");
        var second = _files.Script("second", $"echo \"second $1 $EXOIP_PREVIOUS_ROLE\" >> '{log}'; [ \"$1\" != Backup ]");
        var runner = Runner(new[] { first, second });
        runner.Enqueue(Change("Master", null));
        runner.Enqueue(Change("Backup", "Master"));
        runner.Enqueue(Change("Stopped", "Backup"));
        await runner.CompleteAsync().WaitAsync(ScriptFiles.Deadline);

        Assert.Equal(new[]
        {
            "first start Master", "first end Master", "second Master ",
            "first start Backup", "first end Backup", "second Backup Master",
            "first start Stopped", "first end Stopped", "second Stopped Backup",
        }, File.ReadAllLines(log));
        Assert.Equal(new[] { $"Master {first} Succeeded", $"Master {second} Succeeded", $"Backup {first} Succeeded", $"Backup {second} Failed", $"Stopped {first} Succeeded", $"Stopped {second} Succeeded" },
            _results.Select(r => $"{r.Change.Role} {r.Hook} {r.Outcome}"));
        var failed = _results.Single(r => r.Outcome == NotifyOutcome.Failed);
        Assert.Equal(1, failed.ExitCode);
        Assert.StartsWith($"notify Backup: '{second}' exited 1 in ", failed.Describe());
    }

    [Fact]
    public async Task A_bounded_completion_stops_the_hanging_run_and_skips_what_waits_behind_it()
    {
        var (hook, log, pid) = HangingOn("Backup");
        var runner = Runner(hook, TimeSpan.FromSeconds(60));
        runner.Enqueue(Change("Backup", "Master"));
        runner.Enqueue(Change("Stopped", "Backup"));
        await Eventually.HoldsAsync(() => File.Exists(pid), ScriptFiles.Deadline, "the Backup run starts");

        var completed = await runner.CompleteAsync(TimeSpan.FromMilliseconds(500)).WaitAsync(ScriptFiles.Deadline);
        Assert.False(completed);
        Assert.Equal(new[] { "Backup TimedOut", "Stopped Skipped" }, _results.Select(r => $"{r.Change.Role} {r.Outcome}"));
        Assert.StartsWith("still running when the watchdog stopped: stopped", _results.First().Detail);
        Assert.Equal("skipped: the watchdog stopped before it ran", _results.Last().Detail);
        Assert.False(ScriptFiles.IsAlive(ScriptFiles.ReadPid(pid)));
        Assert.Equal(new[] { "Backup" }, File.ReadAllLines(log));
    }

    [Fact]
    public async Task A_bounded_completion_that_is_in_time_runs_everything()
    {
        var log = _files.PathOf("log");
        var runner = Runner(_files.Script("hook", $"echo \"$1\" >> '{log}'"));
        runner.Enqueue(Change("Master", null));
        runner.Enqueue(Change("Stopped", "Master"));
        Assert.True(await runner.CompleteAsync(ScriptFiles.Deadline).WaitAsync(ScriptFiles.Deadline * 2));
        Assert.Equal(new[] { "Master", "Stopped" }, File.ReadAllLines(log));
    }

    [Fact]
    public async Task After_completion_changes_are_refused()
    {
        var runner = Runner("true");
        await runner.CompleteAsync().WaitAsync(ScriptFiles.Deadline);
        Assert.False(runner.Enqueue(Change("Master", null)));
        Assert.Empty(_results);
    }

    [Fact]
    public void The_timeout_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Runner("true", TimeSpan.Zero));
    }

    [Fact]
    public void At_least_one_hook_is_needed()
    {
        Assert.Throws<ArgumentException>(() => Runner(Array.Empty<string>()));
    }
}
