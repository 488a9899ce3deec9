using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace ExoIp.PowerShell.Emulator;

/// <summary>
/// Starts the ExoIp Exoscale API emulator shipped in the module's emulator/ folder as a child process
/// (it is an ASP.NET Core program: it needs the .NET 10 runtime, as pwsh 7.6 has).
/// </summary>
internal static class EmulatorProcess
{
    private const string Banner = "ExoIp emulator listening on ";

    // Only emulators this process started can be stopped by id: never kill an unrelated process.
    private static readonly ConcurrentDictionary<int, Process> Started = new();

    /// <summary>The emulator's entry assembly, beside this module's assembly.</summary>
    public static string EntryAssembly =>
        Path.Combine(Path.GetDirectoryName(typeof(EmulatorProcess).Assembly.Location)!, "emulator", "ExoIp.Emulator.dll");

    /// <summary>Starts it and returns the process and the URL it printed, or throws when it did not start in time.</summary>
    public static (Process Process, Uri Url) Start(string arguments, TimeSpan timeout)
    {
        if (!File.Exists(EntryAssembly))
            throw new FileNotFoundException($"The emulator is not in this module ({EntryAssembly}).", EntryAssembly);
        var start = new ProcessStartInfo(DotnetHost(), $"\"{EntryAssembly}\" {arguments}")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("The emulator process did not start.");
        var firstLine = process.StandardOutput.ReadLineAsync();
        if (!firstLine.Wait(timeout) || firstLine.Result is not { } line || !line.StartsWith(Banner, StringComparison.Ordinal))
        {
            var error = process.HasExited ? process.StandardError.ReadToEnd() : "no answer in time";
            if (!process.HasExited) process.Kill();
            throw new InvalidOperationException($"The emulator did not start: {error.Trim()}");
        }

        // Keep reading so a chatty emulator never blocks on a full pipe.
        _ = Task.Run(() => process.StandardOutput.ReadToEnd());
        _ = Task.Run(() => process.StandardError.ReadToEnd());
        Started[process.Id] = process;
        return (process, new Uri(line.Substring(Banner.Length).Trim()));
    }

    /// <summary>Stops an emulator this process started; false when it knows no such emulator.</summary>
    public static bool Stop(int processId)
    {
        if (!Started.TryRemove(processId, out var process)) return false;
        using (process)
        {
            if (!process.HasExited) process.Kill();
            process.WaitForExit(10_000);
        }
        return true;
    }

    // Under `dotnet pwsh` this process is the dotnet host; otherwise take the one on PATH.
    private static string DotnetHost()
    {
        var self = Process.GetCurrentProcess().MainModule?.FileName;
        return self is not null && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? self
            : "dotnet";
    }
}
