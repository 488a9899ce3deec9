using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Health;
using ExoIp.Processes;
using ExoIp.Tests.Processes;
using static ExoIp.Tests.TimerWatchingClock;

namespace ExoIp.Tests.Health;

public sealed class HealthMonitorTests : IDisposable
{
    private static readonly HealthCheckOptions Fast = new()
    {
        HealthCheckInterval = TimeSpan.FromMilliseconds(250),
        HealthCheckTimeout = TimeSpan.FromMilliseconds(250),
        HealthCheckFall = 3,
        HealthCheckRise = 2,
    };

    private readonly ScriptFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static TcpListener Listen(int port = 0)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        return listener;
    }

    [Fact]
    public async Task A_tcp_service_that_stops_turns_unhealthy_after_fall_failures_and_healthy_after_rise_passes()
    {
        var listener = Listen();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await using var recorder = new MonitorRecorder(Fast, new TcpHealthCheck("127.0.0.1", port));

        var healthy = await recorder.TransitionAsync(1);
        Assert.Equal((HealthStatus.Unknown, HealthStatus.Healthy, 1L, 0L), (healthy.Transition.Previous, healthy.Status, healthy.Passed, healthy.Failed));
        Assert.Null(healthy.Transition.Reason);

        listener.Stop();
        var unhealthy = await recorder.TransitionAsync(2);
        Assert.Equal((HealthStatus.Healthy, HealthStatus.Unhealthy, 3L), (unhealthy.Transition.Previous, unhealthy.Status, unhealthy.Failed + unhealthy.TimedOut));
        Assert.StartsWith($"tcp://127.0.0.1:{port}: ", unhealthy.Transition.Reason);
        Assert.Contains("refused", unhealthy.Transition.Reason, StringComparison.OrdinalIgnoreCase);
        var snapshot = recorder.Monitor.Snapshot;
        Assert.Equal(HealthStatus.Unhealthy, snapshot.Status);
        Assert.Equal(unhealthy.Transition.Reason, snapshot.LastFailureReason);

        listener = Listen(port);
        try
        {
            var back = await recorder.TransitionAsync(3);
            Assert.Equal(HealthStatus.Healthy, back.Status);
            Assert.Equal(unhealthy.Passed + 2, back.Passed);
            Assert.Equal(unhealthy.Transition.Reason, back.Transition.Reason); // the failure it recovered from
            Assert.Equal(3, recorder.Monitor.Counters.Transitions);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task A_hanging_check_fails_at_its_timeout_and_the_rounds_keep_their_pace()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        var release = new TaskCompletionSource();
        server.Respond = _ => release.Task;
        var listener = Listen();
        // On a fake clock, so that the healthy check always answers within its timeout: on real time a loaded
        // machine (or a cold first round) can take longer than 0.25 s to open a loopback connection.
        var clock = new TimerWatchingClock(DateTimeOffset.UnixEpoch);
        var options = Fast with { HealthCheckInterval = TimeSpan.FromSeconds(1) };
        var timeout = options.HealthCheckTimeout;
        try
        {
            await using var recorder = new MonitorRecorder(options, clock,
                new TcpHealthCheck("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port),
                new HttpHealthCheck(server.At("health")));

            var previous = -1;
            for (var round = 1L; round <= 5; round++)
            {
                // The checks start in order, each with its deadline: the round's first timer is the tcp check's,
                // and its slot disposes it once it has the verdict. Only then may the clock move, to the next timer:
                // the http check's deadline (it is waiting for its answer) or, when the run it was cancelled from
                // has not ended yet (it is then not run again), the pause after the round.
                WatchedTimer? tcpDeadline = null, next = null;
                await Eventually.HoldsAsync(() =>
                {
                    var timers = clock.Timers.Where(t => t.Sequence > previous && t.IsScheduled).ToList();
                    tcpDeadline = timers.FirstOrDefault();
                    next = tcpDeadline is { IsDisposed: true } ? timers.FirstOrDefault(t => t.Sequence > tcpDeadline.Sequence && !t.IsDisposed) : null;
                    return next is not null;
                }, ScriptFiles.Deadline, $"round {round}: the tcp check's verdict", clock.Describe);
                Assert.Equal(timeout, tcpDeadline!.DueTime);
                Assert.Equal(DateTimeOffset.UnixEpoch + (round - 1) * options.HealthCheckInterval, tcpDeadline.CreatedAt);
                if (next!.DueTime == timeout)
                {
                    clock.AdvanceTo(next);
                    next = await clock.TimerAsync($"round {round} ends", t => t.IsScheduled && t.DueTime != timeout, next.Sequence);
                }

                // The round took its timeout at most, not the hanging check's time: the next starts an interval after it.
                var pause = next;
                Assert.Equal(tcpDeadline.CreatedAt + options.HealthCheckInterval, pause.DueAt);
                // Every round runs both checks: the hanging one never holds back the healthy one.
                Assert.Equal((round, 0L, round), (recorder.Monitor.Counters.Passed, recorder.Monitor.Counters.Failed, recorder.Monitor.Counters.TimedOut));
                previous = pause.Sequence;
                clock.AdvanceTo(pause);
            }

            var first = Assert.Single(recorder.Transitions);
            Assert.Equal(HealthStatus.Unhealthy, first.Status);
            Assert.Equal($"{server.At("health")}: no answer within 0.25 s", first.Transition.Reason);
            Assert.Equal((1L, 1L), (first.Passed, first.TimedOut));
        }
        finally
        {
            release.SetResult();
            listener.Stop();
        }
    }

    [Fact]
    public async Task A_check_that_ignores_its_cancellation_is_not_run_again_until_it_ends()
    {
        var check = new StuckCheck();
        await using var recorder = new MonitorRecorder(Fast, check);
        var unhealthy = await recorder.TransitionAsync(1);
        Assert.Equal(HealthStatus.Unhealthy, unhealthy.Status);
        await Eventually.HoldsAsync(() => recorder.Monitor.Snapshot.LastFailureReason?.Contains("still running since an earlier round") == true, ScriptFiles.Deadline, "a round finds the run still going",
            () => recorder.Monitor.Snapshot.LastFailureReason ?? "none");
        Assert.Equal(1, check.Runs);

        check.Release.Set();
        await Eventually.HoldsAsync(() => check.Runs >= 2, ScriptFiles.Deadline, "the released check runs again", () => $"{check.Runs} run(s)");
    }

    [Fact]
    public async Task A_hanging_command_is_killed_at_the_timeout()
    {
        var pid = _files.PathOf("pid");
        var script = _files.Script("hang", $"echo $$ > '{pid}'; exec sleep 300");
        await using var recorder = new MonitorRecorder(
            Fast with { HealthCheckInterval = TimeSpan.FromSeconds(30), HealthCheckTimeout = TimeSpan.FromMilliseconds(300) },
            HealthCheckParser.ParseCommand(script));
        var unhealthy = await recorder.TransitionAsync(1);
        Assert.Equal($"{script}: no answer within 0.3 s", unhealthy.Transition.Reason);
        await Eventually.HoldsAsync(() => File.Exists(pid) && !ScriptFiles.IsAlive(ScriptFiles.ReadPid(pid)), ScriptFiles.Deadline, "the check's process is killed");
    }

    [Fact]
    public async Task A_command_check_passes_on_exit_code_zero_and_fails_with_its_output_otherwise()
    {
        var flag = _files.PathOf("down");
        var script = _files.Script("check", $"if [ -e '{flag}' ]; then echo 'haproxy: no backend' >&2; exit 2; fi; exit 0");
        // A process takes a while to start on a loaded machine: a timeout of 1 s.
        var options = Fast with { HealthCheckInterval = TimeSpan.FromSeconds(1), HealthCheckTimeout = TimeSpan.FromSeconds(1), HealthCheckFall = 1 };
        await using var recorder = new MonitorRecorder(options, new CommandHealthCheck(ExternalCommand.Parse(script + " --quick")));
        Assert.Equal(HealthStatus.Healthy, (await recorder.TransitionAsync(1)).Status);
        File.WriteAllText(flag, "");
        var unhealthy = await recorder.TransitionAsync(2);
        Assert.Equal($"{script} --quick: exit code 2: haproxy: no backend", unhealthy.Transition.Reason);
    }

    [Fact]
    public async Task A_check_that_throws_fails_with_the_message()
    {
        await using var recorder = new MonitorRecorder(Fast, new TcpHealthCheck("no-such-host.invalid", 80));
        var unhealthy = await recorder.TransitionAsync(1);
        Assert.Equal(HealthStatus.Unhealthy, unhealthy.Status);
        Assert.StartsWith("tcp://no-such-host.invalid:80: cannot resolve 'no-such-host.invalid'", unhealthy.Transition.Reason);
        Assert.Equal(1, unhealthy.Failed + unhealthy.TimedOut);
    }

    [Fact]
    public async Task It_runs_once_and_stops_when_cancelled()
    {
        var recorder = new MonitorRecorder(Fast, new TcpHealthCheck("127.0.0.1", 9));
        await recorder.TransitionAsync(1);
        await recorder.DisposeAsync();
        Assert.True(recorder.Run.IsCompletedSuccessfully);
        await Assert.ThrowsAsync<InvalidOperationException>(() => recorder.Monitor.RunAsync(CancellationToken.None));
    }

    [Fact]
    public void Needs_a_check_and_valid_options()
    {
        Assert.Throws<ArgumentException>(() => new HealthMonitor(Array.Empty<IHealthCheck>(), new HealthCheckOptions()));
        var error = Assert.Throws<ArgumentException>(() => new HealthMonitor(new IHealthCheck[] { new TcpHealthCheck("127.0.0.1", 9) }, new HealthCheckOptions { HealthCheckFall = 0 }));
        Assert.Contains("HealthCheckFall: 0 is out of range", error.Message);
    }

    /// <summary>A check that blocks its thread and ignores its token, as a badly written one may.</summary>
    private sealed class StuckCheck : IHealthCheck
    {
        private int _runs;

        public ManualResetEventSlim Release { get; } = new();

        public int Runs => Volatile.Read(ref _runs);

        public string Description => "stuck";

        public Task<HealthCheckResult> CheckAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _runs);
            Release.Wait(ScriptFiles.Deadline);
            return Task.FromResult(HealthCheckResult.Pass());
        }
    }
}
