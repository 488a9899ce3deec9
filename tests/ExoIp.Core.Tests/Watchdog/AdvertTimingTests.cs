using System;
using System.Collections.Generic;
using System.Net;
using ExoIp.Election;
using ExoIp.Protocol;
using ExoIp.Telemetry;
using ExoIp.Transport;
using ExoIp.Watchdog;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ExoIp.Tests.Watchdog;

/// <summary>
/// When the core tells its shell to send: on the cadence while nothing changes, at once for a new priority, at once
/// and again soon when the node becomes master (the early second advert is what a peer beyond a one-way split reads as
/// "look at the API"). One core, fed adverts by hand; API calls are never answered.
/// </summary>
public class AdvertTimingTests
{
    private static readonly IPAddress Peer = IPAddress.Parse("10.0.0.2");
    private static readonly IPAddress ElasticIp = IPAddress.Parse("198.51.100.50");
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Becoming_master_sends_at_once_and_soon_again_a_new_priority_at_once_and_nothing_else_off_the_cadence()
    {
        var options = new WatchdogOptions { ElasticIp = ElasticIp, InstanceId = Guid.NewGuid(), Peers = new[] { Peer }, Priority = 10, Interval = Interval };
        var telemetry = new WatchdogTelemetry(options, NullLogger.Instance, () => _time.GetUtcNow());
        var core = new WatchdogCore(options, new FakeExoscale(_time), _time, () => _time.GetUtcNow(), telemetry, new VerificationWatch(), false, _ => { }, _ => { });
        core.Start(options.Priority);
        var peer = Guid.NewGuid();
        var timings = new List<(NodeRole Role, AdvertTiming Timing)>();
        // The peer (priority 5, better) advertises through the hold-off, then falls silent: this node becomes master.
        for (var second = 0; second < 10; second++, _time.Advance(Interval))
        {
            if (second < 5) core.Handle(new LoopInput.Advert(new Advertisement(5, ElasticIp, peer), Peer, _time.GetUtcNow()));
            timings.Add((core.Decisions.Role, core.Step(10).Timing));
        }

        var becameMaster = timings.FindIndex(t => t.Role == NodeRole.Master);
        Assert.True(becameMaster > 0, "the node became master once its better peer fell silent");
        Assert.Equal(NodeRole.Backup, timings[becameMaster - 1].Role);
        Assert.Equal(AdvertTiming.NowAndSoonAgain, timings[becameMaster - 1].Timing); // the step that made it master
        Assert.All(timings.GetRange(0, becameMaster - 1), t => Assert.NotEqual(AdvertTiming.NowAndSoonAgain, t.Timing));
        Assert.All(timings.GetRange(becameMaster, timings.Count - becameMaster), t => Assert.Equal(AdvertTiming.OnCadence, t.Timing));

        Assert.Equal(AdvertTiming.Now, core.Step(20).Timing);
        Assert.Equal(AdvertTiming.OnCadence, core.Step(20).Timing);
    }
}
