using System;
using System.Linq;
using System.Threading.Tasks;
using ExoIp.Tests.Exoscale;
using ExoIp.Watchdog;
using Microsoft.Extensions.Logging;

namespace ExoIp.Tests.Watchdog;

public class EventsTests
{
    [Fact]
    public async Task Unread_events_drop_the_oldest_and_are_counted_without_blocking_the_loop()
    {
        await using var cluster = new TestCluster(new byte[] { 10, 20, 30 }, o => o with { EventCapacity = 2 });
        cluster.StartAll();
        await cluster.RunForAsync(TimeSpan.FromSeconds(8));

        var engine = cluster[0].Engine;
        Assert.True(engine.Counters.EventsDropped > 0);
        var kept = cluster[0].Events;
        Assert.Equal(2, kept.Count);
        Assert.DoesNotContain(kept, e => e.Kind == WatchdogEventKind.Started);
        Assert.All(kept, e => Assert.Equal("198.51.100.50", e.Watchdog));
        Assert.Equal(new[] { cluster[0].Id }, cluster.Holders);
    }

    [Fact]
    public async Task Events_tell_the_story_of_a_start_and_complete_after_the_stop()
    {
        await using var cluster = new TestCluster(10, 20);
        cluster[0].Start();
        await cluster.RunForAsync(TimeSpan.FromSeconds(5));
        var stopped = cluster[0].Engine.StopAsync();
        await cluster.RunUntilAsync(() => stopped.IsCompleted, TimeSpan.FromSeconds(5), "stopped");

        var events = cluster[0].Events;
        Assert.Equal(new[] { WatchdogEventKind.Started, WatchdogEventKind.StateChanged }, events.Take(2).Select(e => e.Kind));
        // Becoming master: attach to itself and, beside it, check the silent peer (it may hold the EIP; the split
        // watch's listing showed it without, so a look rather than a detach). Each action says whether the instance
        // it acted on holds the Elastic IP afterwards.
        var actions = events.Skip(2).Take(2).Select(e => (e.Action!.Value, e.Outcome!.Value, e.InstanceId!, e.HoldsElasticIp)).OrderBy(a => a.Item1).ToList();
        Assert.Equal(new[]
        {
            (ApiActionKind.Attach, ApiActionOutcome.Done, cluster[0].Id, (bool?)true),
            (ApiActionKind.Check, ApiActionOutcome.Done, cluster[1].Id, (bool?)false),
        }, actions);
        // Stopping with no live peer: let go at once.
        var release = events[4];
        Assert.Equal((WatchdogEventKind.ApiAction, ApiActionKind.Detach, ApiActionOutcome.Done, cluster[0].Id, (bool?)false),
            (release.Kind, release.Action!.Value, release.Outcome!.Value, release.InstanceId, release.HoldsElasticIp));
        Assert.NotNull(release.Duration);
        Assert.Equal((WatchdogEventKind.Stopped, (bool?)false), (events[5].Kind, events[5].HoldsElasticIp));
        Assert.Equal(6, events.Count);
        Assert.All(events.Where(e => e.Kind is not (WatchdogEventKind.ApiAction or WatchdogEventKind.Stopped)), e => Assert.Null(e.HoldsElasticIp));
        Assert.False(await cluster[0].Engine.Events.WaitToReadAsync());
    }

    [Fact]
    public async Task Failed_actions_and_checks_say_what_they_found_about_the_elastic_ip()
    {
        await using var cluster = new TestCluster(10, 20);
        cluster.Api.FailNext("AttachElasticIp", 1);
        cluster.StartAll();
        await cluster.RunUntilAsync(() => cluster.Holders.Count == 1, TimeSpan.FromSeconds(10), "a holder");
        await cluster.RunForAsync(TimeSpan.FromSeconds(1));

        var attaches = cluster[0].EventsOf(WatchdogEventKind.ApiAction).Where(e => e.Action == ApiActionKind.Attach).ToList();
        Assert.Equal(new (ApiActionOutcome?, bool?)[] { (ApiActionOutcome.Failed, null), (ApiActionOutcome.Done, true) },
            attaches.Select(e => (e.Outcome, e.HoldsElasticIp)));
        // The backup's start-up check of itself: it does not hold the Elastic IP.
        var check = Assert.Single(cluster[1].EventsOf(WatchdogEventKind.ApiAction), e => e.Action == ApiActionKind.Check);
        Assert.Equal((cluster[1].Id, (bool?)false), (check.InstanceId, check.HoldsElasticIp));
    }

    [Fact]
    public async Task An_idle_cluster_at_the_defaults_is_quiet_after_it_settles_although_it_keeps_reconciling()
    {
        await using var cluster = new TestCluster(10, 20, 30);
        var loggers = cluster.Nodes.Select(n => n.Logger = new CapturingLogger()).Cast<CapturingLogger>().ToList();
        cluster.StartAll();
        await cluster.RunUntilSoleHolderAsync(cluster[0], TimeSpan.FromSeconds(15));
        await cluster.RunForAsync(TimeSpan.FromSeconds(5));
        var eventsBefore = cluster.Nodes.Select(n => n.Events.Count).ToList();
        var linesBefore = loggers.Select(l => l.Lines.Count(x => x.Level >= LogLevel.Information)).ToList();
        var callsBefore = cluster.Api.Calls.Count;

        var reconcile = new WatchdogOptions().ReconcileInterval;
        await cluster.RunForAsync(reconcile * 2 + TimeSpan.FromSeconds(1));

        Assert.True(cluster.Api.Calls.Count >= callsBefore + 2 * 3, "every node reconciled twice: " + cluster.Describe());
        for (var i = 0; i < cluster.Nodes.Count; i++)
        {
            var news = cluster[i].Events.Skip(eventsBefore[i]).Select(e => e.ToString()).ToList();
            Assert.True(news.Count == 0, $"{cluster[i]}: events while idle: {string.Join(" | ", news)}");
            var lines = loggers[i].Lines.Where(l => l.Level >= LogLevel.Information).Skip(linesBefore[i]).Select(l => l.Text).ToList();
            Assert.True(lines.Count == 0, $"{cluster[i]}: log lines while idle: {string.Join(" | ", lines)}");
            // What the reconciliations found is still there: details, at Debug, in the events and the log line derived from each.
            var found = i == 0 ? "Attach 198.51.100.50 to this node: NoOp" : "Check whether this node holds";
            Assert.Contains(cluster[i].Details, e => e.Level == LogLevel.Debug && e.Message.StartsWith(found, StringComparison.Ordinal));
            Assert.Contains(loggers[i].At(LogLevel.Debug), l => l.Contains(found));
        }
        Assert.Equal(new[] { cluster[0].Id }, cluster.Holders);
    }

    [Fact]
    public async Task After_a_failover_every_backup_says_who_the_new_master_is()
    {
        await using var cluster = new TestCluster(10, 20, 30);
        cluster.StartAll();
        await cluster.RunUntilSoleHolderAsync(cluster[0], TimeSpan.FromSeconds(15));
        await cluster.RunForAsync(TimeSpan.FromSeconds(2));
        var before = cluster[2].Events.Count;

        cluster[0].Kill();
        await cluster.RunUntilSoleHolderAsync(cluster[1], TimeSpan.FromSeconds(15));

        // The backup stays a backup (no StateChanged of its own); its events still name the master it now follows.
        var news = cluster[2].Events.Skip(before).ToList();
        Assert.True(!news.Any(e => e.Kind == WatchdogEventKind.StateChanged), string.Join(" | ", news));
        var changed = Assert.Single(news, e => e.Kind == WatchdogEventKind.MasterChanged);
        Assert.Equal((cluster[1].Address, $"The master is now {cluster[1].Address}."), (changed.PeerAddress, changed.Message));
    }

    [Fact]
    public async Task A_reconciliation_that_repairs_something_is_news()
    {
        await using var cluster = new TestCluster(10, 20);
        cluster.StartAll();
        await cluster.RunUntilSoleHolderAsync(cluster[0], TimeSpan.FromSeconds(15));
        await cluster.RunForAsync(TimeSpan.FromSeconds(2));
        cluster.Api.Set(cluster.ElasticIp.Id, cluster[0].InstanceId, attached: false);
        var before = cluster[0].Events.Count;

        await cluster.RunUntilSoleHolderAsync(cluster[0], new WatchdogOptions().ReconcileInterval + TimeSpan.FromSeconds(2));

        var repair = Assert.Single(cluster[0].Events.Skip(before));
        Assert.Equal((WatchdogEventKind.ApiAction, ApiActionKind.Attach, ApiActionOutcome.Done), (repair.Kind, repair.Action, repair.Outcome));
    }
}
