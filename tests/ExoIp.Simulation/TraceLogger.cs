using System;
using Microsoft.Extensions.Logging;

namespace ExoIp.Simulation;

/// <summary>
/// A node's log lines on standard error, stamped with the world's true time: set EXOIP_SIM_TRACE to the node's
/// address (e.g. 198.51.100.11) or to "all" when replaying one seed, to follow what the node told its log. Only the
/// failure report's replay of the shrunk schedule (up to the violation) is traced: the seed's first run and the
/// shrinker's candidates would bury it.
/// </summary>
internal sealed class TraceLogger(SimClock clock, string node) : ILogger
{
    /// <summary>The logger for the node at <paramref name="address"/>, when EXOIP_SIM_TRACE asks for it; else null.</summary>
    public static ILogger? For(SimClock clock, string address) =>
        Environment.GetEnvironmentVariable("EXOIP_SIM_TRACE") is { } wanted && (wanted == "all" || wanted == address)
            ? new TraceLogger(clock, address) : null;

    /// <summary>Whether lines are written now: set for the failure report's replay.</summary>
    public static bool Replaying { get; set; }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => Replaying;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (Replaying) Console.Error.WriteLine($"{Ticks.Text(clock.Scheduler.Now)} {node} {logLevel}: {formatter(state, exception)}");
    }
}
