using System;
using ExoIp.CommandLine;
using ExoIp.Watchdog;
using Microsoft.Extensions.Logging;

namespace ExoIp.Tests.CommandLine;

public sealed class EventLineTests
{
    private static WatchdogEvent Event(WatchdogEventKind kind, LogLevel level = LogLevel.Information) => new()
    {
        Timestamp = DateTimeOffset.UnixEpoch,
        Watchdog = "lb",
        Kind = kind,
        Message = "Something happened.",
        Level = level,
    };

    [Fact]
    public void An_event_names_its_kind_and_a_detail_only_its_watchdog()
    {
        Assert.Equal("[lb] PeerDown: Something happened.", EventLine.Of(Event(WatchdogEventKind.PeerDown)));
        Assert.Equal("[lb] Something happened.", EventLine.Of(Event(WatchdogEventKind.Detail, LogLevel.Debug)));
    }

    [Theory]
    [InlineData(WatchdogEventKind.Warning, LogLevel.Warning, true, false)]
    [InlineData(WatchdogEventKind.Stopped, LogLevel.Error, true, false)]
    [InlineData(WatchdogEventKind.StateChanged, LogLevel.Information, false, false)]
    [InlineData(WatchdogEventKind.Detail, LogLevel.Debug, false, true)]
    public void The_level_makes_a_warning_and_the_kind_a_verbose_line(WatchdogEventKind kind, LogLevel level, bool warning, bool verbose)
    {
        var watchdogEvent = Event(kind, level);
        Assert.Equal((warning, verbose), (EventLine.IsWarning(watchdogEvent), EventLine.IsVerbose(watchdogEvent)));
    }
}
