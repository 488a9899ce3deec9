using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Systemd;
using ExoIp.Tests.Watchdog;
using ExoIp.Watchdog;

namespace ExoIp.Tests.Systemd;

/// <summary>systemd's notify protocol as a real Unix datagram socket receives it, from a real watchdog (UDP on loopback, the emulator).</summary>
public class ServiceNotifierTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public void There_is_no_notifier_without_NOTIFY_SOCKET()
    {
        Assert.Null(SystemdNotifier.FromEnvironment(_ => null));
        Assert.Null(SystemdNotifier.FromEnvironment(_ => "relative/path"));
    }

    [Fact]
    public void Sends_to_a_socket_in_the_abstract_namespace()
    {
        using var socket = NotifySocket.Abstract();
        using var notifier = SystemdNotifier.FromEnvironment(socket.Environment)!;

        Assert.True(notifier.Send("STATUS=one line"));

        Assert.Equal(new[] { "STATUS=one line" }, socket.Receive(Deadline));
    }

    [Theory]
    [InlineData("30000000", null, 30.0)]
    [InlineData("30000000", "4242", 30.0)]
    [InlineData("30000000", "1", null)]
    [InlineData("0", null, null)]
    [InlineData("soon", null, null)]
    public void Reads_the_watchdog_period_for_this_process_only(string usec, string? pid, double? seconds)
    {
        var period = SystemdWatchdogPeriod.FromEnvironment(name => name == "WATCHDOG_USEC" ? usec : name == "WATCHDOG_PID" ? pid : null, 4242);

        Assert.Equal(seconds, period?.TotalSeconds);
    }

    [Fact]
    public async Task Says_READY_once_the_lone_master_holds_the_elastic_ip_and_keeps_STATUS_current()
    {
        using var socket = NotifySocket.AtPath();
        using var notifier = SystemdNotifier.FromEnvironment(socket.Environment)!;
        await using var cluster = await LiveCluster.StartAsync(10, 20); // node 1 never starts: a silent peer
        var holdersAtReady = new List<string>();

        cluster.StartObserved(0, new ServiceNotifier(notifier, watchdogPeriod: null));
        var seen = new List<string>();
        Assert.True(socket.ReceiveUntil("READY=1", Deadline, seen), string.Join(" | ", seen));
        holdersAtReady.AddRange(cluster.Holders);

        Assert.Equal(new[] { cluster.Id(0) }, holdersAtReady);
        Assert.Equal($"STATUS=Master, holds {LiveCluster.ElasticIpAddress}; peers 0/1 alive", seen.Last(l => l.StartsWith("STATUS=", StringComparison.Ordinal)));
        Assert.Contains("STATUS=Starting, listening for peers; peers 0/1 alive", seen);
        Assert.DoesNotContain("WATCHDOG=1", seen);
        Assert.Single(seen, "READY=1");
    }

    [Fact]
    public async Task Pings_the_watchdog_from_the_loop_and_stops_while_the_loop_is_stuck()
    {
        using var socket = NotifySocket.AtPath();
        using var notifier = SystemdNotifier.FromEnvironment(socket.Environment)!;
        await using var cluster = await LiveCluster.StartAsync(10, 20); // node 1 never starts: a silent peer
        // WatchdogSec=0.8 s: a ping every 0.4 s, from a loop that turns at least every 0.2 s (the interval).
        var service = new ServiceNotifier(notifier, TimeSpan.FromMilliseconds(800));
        using var stuck = new LoopBlocker();
        cluster.StartObserved(0, new Observers(service, stuck));
        var seen = new List<string>();
        Assert.True(socket.ReceiveUntil("WATCHDOG=1", Deadline, seen), string.Join(" | ", seen));
        Assert.True(socket.ReceiveUntil("WATCHDOG=1", Deadline, seen), "a second ping");

        stuck.Block();
        Assert.True(stuck.Entered.Wait(Deadline), "the loop reached the blocker");
        socket.Drain(); // what the loop sent before it stuck
        var advertsBefore = cluster[0].Counters.AdvertisementsSent;
        // Five ping periods with the loop stuck: the process lives, its adverts go on, but no ping comes.
        Assert.Null(socket.Receive(TimeSpan.FromSeconds(2)));
        Assert.True(cluster[0].Counters.AdvertisementsSent > advertsBefore, "adverts went on from their own thread");

        stuck.Release();
        seen.Clear();
        Assert.True(socket.ReceiveUntil("WATCHDOG=1", Deadline, seen), "pings resume once the loop turns again");
    }

    /// <summary>Holds the loop on its next pass once asked, as a wedged decision would.</summary>
    private sealed class LoopBlocker : ILoopObserver, IDisposable
    {
        private readonly ManualResetEventSlim _release = new(true);

        public ManualResetEventSlim Entered { get; } = new(false);

        public void Block() => _release.Reset();

        public void Release() => _release.Set();

        public void OnLoopPass(WatchdogSnapshot snapshot)
        {
            if (_release.IsSet) return;
            Entered.Set();
            _release.Wait();
        }

        public void Dispose()
        {
            _release.Set();
            Entered.Dispose();
        }
    }

    private sealed class Observers(params ILoopObserver[] observers) : ILoopObserver
    {
        public void OnLoopPass(WatchdogSnapshot snapshot)
        {
            foreach (var observer in observers) observer.OnLoopPass(snapshot);
        }
    }
}
