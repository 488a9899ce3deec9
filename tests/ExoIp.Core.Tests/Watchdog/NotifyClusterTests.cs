using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ExoIp.Election;
using ExoIp.Notify;
using ExoIp.Processes;
using ExoIp.Tests.Processes;
using ExoIp.Watchdog;
using Xunit.Abstractions;

namespace ExoIp.Tests.Watchdog;

/// <summary>Notify commands run by real watchdogs over real UDP and the emulator: real processes, the documented arguments and variables.</summary>
public sealed class NotifyClusterTests : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly ScriptFiles _files = new();

    public NotifyClusterTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _files.Dispose();

    private static bool OnlyHolder(LiveCluster cluster, int node) => cluster.Holders.SequenceEqual(new[] { cluster.Id(node) });

    /// <summary>A hook appending "MILLISECONDS ARGC ARGS... role=… previous=… eip=… name=… reason=…" to its node's file.</summary>
    private INotifyHook Recorder(string log, string body = "") => new CommandNotifyHook(ExternalCommand.Parse($"{_files.Script(Path.GetFileName(log) + ".sh",
        $"echo \"$(date +%s%3N) $# $1 $2 $3 role=$EXOIP_ROLE previous=$EXOIP_PREVIOUS_ROLE eip=$EXOIP_ELASTIC_IP name=$EXOIP_NAME reason=$EXOIP_REASON\" >> '{log}'\n{body}")} --from-exoip"));

    private static string[] Lines(string log) => File.Exists(log) ? File.ReadAllLines(log) : Array.Empty<string>();

    private static string[] Roles(string log) => Lines(log).Select(l => l.Split(' ')[3]).ToArray();

    private static DateTimeOffset TimeOf(string line) =>
        DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(line.Split(' ')[0], CultureInfo.InvariantCulture));

    [Fact]
    public async Task The_notify_command_sees_the_roles_in_order_and_Master_only_after_the_attach()
    {
        var logs = new[] { _files.PathOf("node0"), _files.PathOf("node1") };
        await using var cluster = await LiveCluster.StartAsync(10, 20);
        cluster.StartNotifying(0, new[] { Recorder(logs[0]) });
        cluster.StartNotifying(1, new[] { Recorder(logs[1]) });
        await cluster.EventuallyAsync(() => Roles(logs[0]).SequenceEqual(new[] { "Master" }) && Roles(logs[1]).SequenceEqual(new[] { "Backup" }),
            "node 0 told Master, node 1 Backup");
        Assert.True(OnlyHolder(cluster, 0), cluster.Describe());

        await cluster[0].StopAsync().WaitAsync(LiveCluster.Deadline);
        await cluster.RunOf(0).WaitAsync(LiveCluster.Deadline); // every event of node 0 read, the Stopped hook's included
        await cluster.EventuallyAsync(() => Roles(logs[1]).SequenceEqual(new[] { "Backup", "Master" }) && OnlyHolder(cluster, 1), "node 1 told Master");

        var node0 = Lines(logs[0]);
        var node1 = Lines(logs[1]);
        _output.WriteLine(string.Join(Environment.NewLine, node0.Concat(node1)));
        var name0 = cluster.Nodes[0].Name;
        var name1 = cluster.Nodes[1].Name;
        const string Eip = LiveCluster.ElasticIpAddress;
        // The stopping master advertises 255, so it may be Backup for a moment before it ends.
        var roles0 = Roles(logs[0]);
        Assert.True(roles0.SequenceEqual(new[] { "Master", "Stopped" }) || roles0.SequenceEqual(new[] { "Master", "Backup", "Stopped" }), string.Join(" ", roles0));
        Assert.StartsWith($"3 --from-exoip Master {Eip} role=Master previous= eip={Eip} name={name0} reason=master: ", Rest(node0[0]));
        Assert.StartsWith($"3 --from-exoip Stopped {Eip} role=Stopped previous={roles0[^2]} eip={Eip} name={name0} reason=", Rest(node0[^1]));
        Assert.True(Rest(node0[^1]).Length > $"3 --from-exoip Stopped {Eip} role=Stopped previous={roles0[^2]} eip={Eip} name={name0} reason=".Length, "the Stopped line gives the stop's outcome");
        Assert.StartsWith($"3 --from-exoip Backup {Eip} role=Backup previous= eip={Eip} name={name1} reason=backup: ", Rest(node1[0]));
        Assert.StartsWith($"3 --from-exoip Master {Eip} role=Master previous=Backup eip={Eip} name={name1} reason=master: ", Rest(node1[1]));

        // Master runs once the emulator shows the Elastic IP attached there.
        var history = cluster.Emulator.History(LiveCluster.ElasticIpId);
        var attach0 = history.First(h => h.Action == "attach" && h.InstanceId == cluster.Id(0)).Time;
        var attach1 = history.First(h => h.Action == "attach" && h.InstanceId == cluster.Id(1)).Time;
        Assert.True(TimeOf(node0[0]) >= attach0, $"node 0's Master hook at {TimeOf(node0[0]):HH:mm:ss.fff}, attach at {attach0:HH:mm:ss.fff}");
        Assert.True(TimeOf(node1[1]) >= attach1, $"node 1's Master hook at {TimeOf(node1[1]):HH:mm:ss.fff}, attach at {attach1:HH:mm:ss.fff}");
        _output.WriteLine($"node 1: attach {attach1:HH:mm:ss.fff}, Master hook {TimeOf(node1[1]):HH:mm:ss.fff}");

        // One Notified event per run, after the node's own attach, with the exit code and duration.
        var events0 = cluster.Events.Where(e => e.Watchdog == name0).ToList();
        var notified0 = events0.Where(e => e.Kind == WatchdogEventKind.Notified).ToList();
        Assert.Equal(roles0, notified0.Select(e => e.AnnouncedRole));
        Assert.All(notified0, e => Assert.Equal((NotifyOutcome.Succeeded, (int?)0), (e.NotifyOutcome, e.ExitCode)));
        Assert.All(notified0, e => Assert.True(e.Duration > TimeSpan.Zero));
        Assert.Matches($"^notify Master: '.*node0.sh --from-exoip' exited 0 in [0-9]+ ms$", notified0[0].Message);
        Assert.True(events0.FindIndex(e => e.Kind == WatchdogEventKind.ApiAction && e.Action == ApiActionKind.Attach && e.Outcome == ApiActionOutcome.Done)
            < events0.IndexOf(notified0[0]), cluster.Describe());
        // The Stopped hook ran before the watchdog's events ended, after its Stopped event.
        Assert.True(events0.FindIndex(e => e.Kind == WatchdogEventKind.Stopped) < events0.IndexOf(notified0[^1]));
    }

    [Fact]
    public async Task A_hanging_hook_is_reported_TimedOut_and_changes_nothing_else()
    {
        var logs = new[] { _files.PathOf("node0"), _files.PathOf("node1") };
        var pids = new[] { _files.PathOf("pid0"), _files.PathOf("pid1") };
        await using var cluster = await LiveCluster.StartAsync(10, 20);
        for (var i = 0; i < 2; i++) cluster.StartNotifying(i, new[] { Recorder(logs[i], $"echo $$ >> '{pids[i]}'; exec sleep 300") }, TimeSpan.FromSeconds(1));
        await cluster.EventuallyAsync(() => OnlyHolder(cluster, 0) && cluster[0].GetSnapshot().Role == NodeRole.Master && cluster[1].GetSnapshot().Role == NodeRole.Backup
            && cluster.Events.Count(e => e.Kind == WatchdogEventKind.Notified) == 2, "node 0 elected, both hooks timed out");
        Assert.All(cluster.Events.Where(e => e.Kind == WatchdogEventKind.Notified), e =>
        {
            Assert.Equal(NotifyOutcome.TimedOut, e.NotifyOutcome);
            Assert.Null(e.ExitCode);
            Assert.StartsWith("still running after 1 s: stopped", e.Error);
            Assert.Contains(" timed out after ", e.Message);
        });
        Assert.All(pids, p => Assert.False(ScriptFiles.IsAlive(ScriptFiles.ReadPid(p))));

        var killedAt = DateTimeOffset.UtcNow;
        cluster[0].Kill();
        await cluster.EventuallyAsync(() => OnlyHolder(cluster, 1) && cluster[1].GetSnapshot().Role == NodeRole.Master, "node 1 takes over");
        await cluster.EventuallyAsync(() => Roles(logs[1]).SequenceEqual(new[] { "Backup", "Master" }), "node 1's hook told Master");
        // Hanging hooks did not hold the adverts back: node 1 saw node 0 die only after the kill.
        Assert.DoesNotContain(cluster.Events, e => e.Kind == WatchdogEventKind.PeerDown && e.Timestamp < killedAt);
        // A killed watchdog tells no hook (as a crash would not).
        Assert.Equal(new[] { "Master" }, Roles(logs[0]));
    }

    private static string Rest(string line) => line.Substring(line.IndexOf(' ') + 1);
}
