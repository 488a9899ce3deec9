using System;
using System.Threading.Tasks;
using ExoIp.Emulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace ExoIp.Emulator;

/// <summary>
/// The standalone emulator. Its first stdout line is <c>ExoIp emulator listening on http://…/</c> (scripts
/// parse it); logs go to stderr; Ctrl+C or SIGTERM stops it.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        StandaloneOptions options;
        try
        {
            options = StandaloneOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message + Environment.NewLine + StandaloneOptions.Usage);
            return 2;
        }
        if (options.ShowHelp)
        {
            await Console.Out.WriteLineAsync(StandaloneOptions.Help);
            return 0;
        }

        ExoscaleEmulator emulator;
        try
        {
            emulator = await ExoscaleEmulator.StartAsync(options.Emulator, builder => ConfigureHost(builder, options.Verbose), default);
        }
        catch (Exception e) when (e is ArgumentException or System.IO.IOException)
        {
            await Console.Error.WriteLineAsync($"Cannot start the emulator: {e.Message}");
            return 1;
        }

        await using (emulator)
        {
            await Console.Out.WriteLineAsync($"ExoIp emulator listening on {emulator.BaseAddress}");
            await Console.Out.FlushAsync();
            var stop = new TaskCompletionSource();
            await using (emulator.ShutdownRequested.Register(() => stop.TrySetResult())) await stop.Task;
        }

        return 0;
    }

    /// <summary>Logs to stderr only (stdout carries the one line scripts read), without ASP.NET's start-up chatter.</summary>
    private static void ConfigureHost(WebApplicationBuilder builder, bool verbose)
    {
        builder.Host.UseConsoleLifetime(lifetime => lifetime.SuppressStatusMessages = true);
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Information);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
    }
}
