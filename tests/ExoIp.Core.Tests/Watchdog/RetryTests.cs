using System;
using System.Linq;
using System.Threading.Tasks;
using ExoIp.Election;
using ExoIp.Watchdog;

namespace ExoIp.Tests.Watchdog;

public class RetryTests
{
    [Fact]
    public async Task A_failed_attach_is_retried_with_growing_delays_until_it_succeeds()
    {
        await using var cluster = new TestCluster(10, 20);
        cluster.Api.FailNext("AttachElasticIp", 3);
        cluster.StartAll();
        await cluster.RunUntilAsync(() => cluster.Holders.Count == 1, TimeSpan.FromSeconds(30), "a holder despite failures");

        Assert.Equal(new[] { cluster[0].Id }, cluster.Holders);
        var attaches = cluster.Api.Calls.Where(c => c.Method == "AttachElasticIp").ToList();
        Assert.Equal(4, attaches.Count);
        var gaps = attaches.Zip(attaches.Skip(1), (a, b) => b.StartedAt - a.StartedAt).ToList();
        Assert.True(gaps[0] >= cluster[0].Options.RetryDelay, $"first retry after {gaps[0]}");
        Assert.True(gaps[1] > gaps[0] && gaps[2] > gaps[1], "the delays grow: " + string.Join(", ", gaps));
        var counters = cluster[0].Engine.Counters;
        Assert.Equal(3, counters.ApiRetries);
        Assert.True(counters.ApiErrors >= 3);
        var outcomes = cluster[0].EventsOf(WatchdogEventKind.ApiAction).Where(e => e.Action == ApiActionKind.Attach).Select(e => e.Outcome).ToList();
        Assert.Equal(new ApiActionOutcome?[] { ApiActionOutcome.Failed, ApiActionOutcome.Failed, ApiActionOutcome.Failed, ApiActionOutcome.Done }, outcomes);
        Assert.Contains("503", cluster[0].EventsOf(WatchdogEventKind.ApiAction).First().Error);
    }

    [Fact]
    public async Task Start_up_lookups_that_fail_are_retried_and_reported_as_warnings()
    {
        await using var cluster = new TestCluster(10, 20);
        cluster.Api.FailNext("ResolveElasticIp", 2);
        cluster.Api.FailNext("ListInstances", 2);
        cluster.StartAll();
        await cluster.RunUntilAsync(() => cluster.Holders.Count == 1, TimeSpan.FromSeconds(30), "a holder despite failures");

        Assert.Equal(new[] { cluster[0].Id }, cluster.Holders);
        var warnings = cluster.Nodes.SelectMany(n => n.EventsOf(WatchdogEventKind.Warning)).Select(e => e.Message).ToList();
        Assert.Equal(2, warnings.Count(w => w.Contains("Resolve the Elastic IP") && w.Contains("503")));
        Assert.Equal(2, warnings.Count(w => w.Contains("Look up the peers' instances")));
        Assert.Equal(cluster.Nodes.Select(n => n.Id).OrderBy(i => i),
            cluster.Nodes.SelectMany(n => n.Snapshot.Peers).Select(p => p.InstanceId.ToString()).OrderBy(i => i));
    }

    [Fact]
    public async Task Api_faults_during_a_failover_delay_it_but_it_converges()
    {
        await using var cluster = new TestCluster(10, 20, 30);
        cluster.Api.Delay = TimeSpan.FromMilliseconds(300);
        cluster.StartAll();
        await cluster.RunForAsync(TimeSpan.FromSeconds(6));

        cluster[0].Kill();
        cluster.Api.FailNext("AttachElasticIp", 2);
        cluster.Api.FailNext("DetachElasticIp", 2);
        await cluster.RunUntilSoleHolderAsync(cluster[1], TimeSpan.FromSeconds(30));
        await cluster.RunForAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(new[] { cluster[1].Id }, cluster.Holders);
        Assert.Equal(NodeRole.Master, cluster[1].Role);
        Assert.True(cluster[1].Engine.Counters.ApiRetries >= 2);
    }

    [Fact]
    public async Task A_hanging_call_times_out_and_is_retried()
    {
        await using var cluster = new TestCluster(10, 20);
        cluster.Api.Hang = true;
        cluster.StartAll();
        await cluster.RunForAsync(TimeSpan.FromSeconds(5));
        cluster.Api.Hang = false;

        var within = cluster[0].Options.ApiTimeout + cluster[0].Options.MaxRetryDelay;
        await cluster.RunUntilAsync(() => cluster.Holders.Count == 1, within, "a holder once the API answers");
        Assert.Contains(cluster[0].EventsOf(WatchdogEventKind.Warning), e => e.Error!.Contains("no answer within 30 s"));
    }
}
