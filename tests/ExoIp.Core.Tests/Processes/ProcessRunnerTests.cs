using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Processes;

namespace ExoIp.Tests.Processes;

public sealed class ProcessRunnerTests : IDisposable
{
    private readonly ScriptFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Reports_the_exit_code_and_the_last_line_written()
    {
        var script = _files.Script("fail", "echo starting; echo 'backend down' >&2; exit 3");
        var result = await ProcessRunner.RunAsync(ExternalCommand.Parse(script));
        Assert.Equal(ProcessEnd.Exited, result.End);
        Assert.Equal(3, result.ExitCode);
        Assert.False(result.Succeeded);
        Assert.Equal("backend down", result.LastOutput);
        Assert.Equal("exit code 3: backend down", result.Describe());
    }

    [Fact]
    public async Task Appends_arguments_and_sets_the_environment_without_a_shell()
    {
        var output = _files.PathOf("seen");
        var script = _files.Script("record", $"printf '%s|' \"$@\" \"$EXOIP_TEST\" > '{output}'");
        var result = await ProcessRunner.RunAsync(
            ExternalCommand.Parse($"{script} 'first arg' $HOME"),
            new[] { "a;b", "`id`" },
            new Dictionary<string, string> { ["EXOIP_TEST"] = "value with spaces" });
        Assert.True(result.Succeeded, result.Describe());
        Assert.Equal("first arg|$HOME|a;b|`id`|value with spaces|", File.ReadAllText(output));
    }

    [Fact]
    public async Task Standard_input_is_closed_so_a_reader_does_not_hang()
    {
        var result = await ProcessRunner.RunAsync(ExternalCommand.Parse("cat"));
        Assert.True(result.Succeeded, result.Describe());
    }

    [Fact]
    public async Task Cancelling_kills_the_process_and_its_children()
    {
        var childPid = _files.PathOf("child.pid");
        var script = _files.Script("hang", $"sleep 300 & echo $! > '{childPid}'; echo $$ > '{childPid}.parent'; wait");
        using var cancel = new CancellationTokenSource();
        var run = ProcessRunner.RunAsync(ExternalCommand.Parse(script), cancellationToken: cancel.Token);
        await Eventually.HoldsAsync(() => File.Exists(childPid + ".parent") && new FileInfo(childPid).Length > 0, ScriptFiles.Deadline, "the script writes its pids");
        var child = ScriptFiles.ReadPid(childPid);
        var parent = ScriptFiles.ReadPid(childPid + ".parent");
        Assert.True(ScriptFiles.IsAlive(child) && ScriptFiles.IsAlive(parent));

        cancel.Cancel();
        var result = await run.WaitAsync(ScriptFiles.Deadline);
        Assert.Equal(ProcessEnd.Killed, result.End);
        Assert.Null(result.ExitCode);
        await Eventually.HoldsAsync(() => !ScriptFiles.IsAlive(child) && !ScriptFiles.IsAlive(parent), ScriptFiles.Deadline, "both processes are killed",
            () => $"parent alive {ScriptFiles.IsAlive(parent)}, child alive {ScriptFiles.IsAlive(child)}");
    }

    [Fact]
    public async Task A_file_that_is_not_executable_is_reported_not_started()
    {
        var path = _files.PathOf("not-executable");
        File.WriteAllText(path, "#!/bin/sh\nexit 0\n");
        var result = await ProcessRunner.RunAsync(ExternalCommand.Parse(path));
        Assert.Equal(ProcessEnd.NotStarted, result.End);
        Assert.StartsWith("cannot start: '" + path + "'", result.Describe());
    }
}
