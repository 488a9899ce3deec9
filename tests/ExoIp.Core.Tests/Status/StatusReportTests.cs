using System;
using System.Net;
using System.Text.Json;
using ExoIp.Election;
using ExoIp.Status;
using ExoIp.Watchdog;

namespace ExoIp.Tests.Status;

/// <summary>The one report behind <c>exoip -S</c> and Get-ExoIpWatchdog: what it derives at a moment, and the document written from it.</summary>
public class StatusReportTests
{
    private static readonly DateTimeOffset Started = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Up = TimeSpan.FromMilliseconds(90_440);
    private static readonly DateTimeOffset Now = Started + Up;

    private static WatchdogSnapshot Snapshot(byte advertised = 10, params PeerSnapshot[] peers) => new()
    {
        Name = "node0",
        ElasticIp = IPAddress.Parse("198.51.100.1"),
        InstanceId = Guid.Parse("11111111-2222-3333-4444-555555555555"),
        Bind = new IPEndPoint(IPAddress.Parse("127.0.0.2"), 12345),
        Status = WatchdogStatus.Running,
        Role = NodeRole.Backup,
        Priority = 10,
        AdvertisedPriority = advertised,
        HoldsElasticIp = false,
        StartedAt = Started,
        Peers = peers,
    };

    private static WatchdogEvent ApiEvent(DateTimeOffset at, ApiActionKind action, ApiActionOutcome outcome, string? error = null) => new()
    {
        Timestamp = at, Watchdog = "node0", Kind = WatchdogEventKind.ApiAction, Message = "api", Action = action, Outcome = outcome, Error = error,
    };

    [Fact]
    public void Tells_uptime_and_each_peers_silence_relative_to_the_moment()
    {
        var heard = new PeerSnapshot(IPAddress.Parse("127.0.0.3"), null, 5, true, Now - TimeSpan.FromMilliseconds(250), true, true);
        var never = new PeerSnapshot(IPAddress.Parse("127.0.0.4"), null, null, false, null, false, null);

        var report = StatusReport.Of(Snapshot(10, heard, never), new WatchdogOptions { PreemptDelay = TimeSpan.FromSeconds(30) }, new ApiActivity(), Now);

        Assert.Equal(Up, report.Uptime);
        Assert.Equal(new PeerStatus(heard.Address, true, 5, TimeSpan.FromMilliseconds(250), true), report.Peers[0]);
        Assert.Equal(new PeerStatus(never.Address, false, null, null, false), report.Peers[1]);
        Assert.Equal(new PreemptionStatus(false, TimeSpan.FromSeconds(30), false), report.Preemption);
        Assert.Null(report.LastApiAction);
        Assert.Null(report.LastApiError);
    }

    [Fact]
    public void Keeps_the_last_error_after_a_later_success_and_tells_both_ages()
    {
        var api = new ApiActivity();
        api.Observe(ApiEvent(Now - TimeSpan.FromSeconds(20), ApiActionKind.Attach, ApiActionOutcome.Failed, "HTTP 500"));
        api.Observe(ApiEvent(Now - TimeSpan.FromSeconds(4), ApiActionKind.Check, ApiActionOutcome.Done));

        var report = StatusReport.Of(Snapshot(), new WatchdogOptions(), api, Now);

        Assert.Equal(new ApiActionStatus(ApiActionKind.Check, ApiActionOutcome.Done, TimeSpan.FromSeconds(4), null), report.LastApiAction);
        Assert.Equal(new ApiActionStatus(ApiActionKind.Attach, ApiActionOutcome.Failed, TimeSpan.FromSeconds(20), "HTTP 500"), report.LastApiError);
    }

    [Theory]
    [InlineData(254, true)]
    [InlineData(10, false)]
    public void Defers_exactly_while_advertising_254(byte advertised, bool deferring)
    {
        var report = StatusReport.Of(Snapshot(advertised), new WatchdogOptions { NoPreempt = true }, new ApiActivity(), Now);

        Assert.Equal(new PreemptionStatus(true, TimeSpan.Zero, deferring), report.Preemption);
    }

    [Fact]
    public void Has_no_uptime_before_the_start()
    {
        var report = StatusReport.Of(Snapshot() with { StartedAt = null, Status = WatchdogStatus.NotStarted }, new WatchdogOptions(), new ApiActivity(), Now);

        Assert.Null(report.Uptime);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(StatusDocument.Write(report, "test")).RootElement.GetProperty("uptimeSeconds").ValueKind);
    }

    [Fact]
    public void The_document_writes_the_reports_figures_in_seconds_to_a_tenth()
    {
        var api = new ApiActivity();
        api.Observe(ApiEvent(Now - TimeSpan.FromMilliseconds(2260), ApiActionKind.Detach, ApiActionOutcome.Failed, "timed out"));
        var peer = new PeerSnapshot(IPAddress.Parse("127.0.0.3"), null, 7, true, Now - TimeSpan.FromMilliseconds(1040), false, null);
        var report = StatusReport.Of(Snapshot(254, peer), new WatchdogOptions { PreemptDelay = TimeSpan.FromSeconds(5) }, api, Now);

        var root = JsonDocument.Parse(StatusDocument.Write(report, "test")).RootElement;

        Assert.Equal(90.4, root.GetProperty("uptimeSeconds").GetDouble());
        var written = Assert.Single(root.GetProperty("peers").EnumerateArray());
        Assert.Equal(("127.0.0.3", true, 7, 1.0, false), (written.GetProperty("address").GetString(), written.GetProperty("alive").GetBoolean(),
            written.GetProperty("priority").GetInt32(), written.GetProperty("secondsSinceLastAdvert").GetDouble(), written.GetProperty("master").GetBoolean()));
        var preemption = root.GetProperty("preemption");
        Assert.Equal((false, 5.0, true), (preemption.GetProperty("noPreempt").GetBoolean(), preemption.GetProperty("delaySeconds").GetDouble(), preemption.GetProperty("deferring").GetBoolean()));
        foreach (var name in new[] { "lastApiAction", "lastApiError" })
        {
            var action = root.GetProperty(name);
            Assert.Equal(("detach", "failed", 2.3, "timed out"), (action.GetProperty("action").GetString(), action.GetProperty("outcome").GetString(),
                action.GetProperty("secondsAgo").GetDouble(), action.GetProperty("error").GetString()));
        }
    }
}
