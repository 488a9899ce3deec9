using System;
using System.Collections.Generic;
using System.Net;
using ExoIp.Election;
using ExoIp.Health;
using ExoIp.Telemetry;
using ExoIp.Watchdog;
using Microsoft.Extensions.Logging;

namespace ExoIp.Tests.Telemetry;

/// <summary>
/// An event goes out before the warning that says the same: exoip.ps1 hands events on first and writes a warning that
/// repeats the event it follows once, so a warning logged ahead of its event was written twice (a CI run of the
/// health-check case of Notify.Tests.ps1).
/// </summary>
public class WatchdogTelemetryOrderTests
{
    private static readonly IPAddress Peer = IPAddress.Parse("127.0.0.2");

    public static TheoryData<string> Warnings => new() { "unhealthy", "fault", "stale stamp", "key mismatch" };

    [Theory]
    [MemberData(nameof(Warnings))]
    public void A_warning_is_logged_once_its_event_is_out(string which)
    {
        WatchdogTelemetry? telemetry = null;
        var eventOut = new List<bool>();
        var logger = new WarningProbe(() => eventOut.Add(telemetry!.Events.TryPeek(out _)));
        var options = new WatchdogOptions { ElasticIp = IPAddress.Parse("198.51.100.5"), InstanceId = Guid.NewGuid(), Peers = new[] { Peer } };
        telemetry = new WatchdogTelemetry(options, logger, () => DateTimeOffset.UnixEpoch);

        switch (which)
        {
            case "unhealthy":
                telemetry.HealthChanged(new HealthTransition(DateTimeOffset.UnixEpoch, HealthStatus.Healthy, HealthStatus.Unhealthy, "tcp://127.0.0.1:1: refused"));
                break;
            case "fault":
                telemetry.RoleChanged(NodeRole.Starting,
                    new ElectionVerdict(NodeRole.Fault, ElectionReason.ClockSkew, null, null, 0), 10, DateTimeOffset.UnixEpoch);
                break;
            case "stale stamp":
                telemetry.StaleStamp(Peer, TimeSpan.FromSeconds(4));
                break;
            default:
                telemetry.KeyMismatch(Peer, "another key");
                break;
        }

        Assert.Equal(new[] { true }, eventOut);
    }

    // Calls back at each warning.
    private sealed class WarningProbe(Action warned) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning) warned();
        }
    }
}
