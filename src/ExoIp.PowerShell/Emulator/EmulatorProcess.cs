using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using ExoIp.Hosting;
using ExoIp.PowerShell.Output;

namespace ExoIp.PowerShell.Emulator;

/// <summary>
/// Starts the ExoIp Exoscale API emulator shipped in the module's emulator/ folder as a child process
/// (it is an ASP.NET Core program: it needs the .NET 10 runtime, as pwsh 7.6 has).
/// </summary>
/// <remarks>
/// On Linux it starts in a session of its own (setsid), so the terminal's signals do not reach it: a Ctrl+C
/// at the prompt stops the pipeline, not the emulator. Stop-ExoIpEmulator stops it, and so does the end of
/// this process (which no signal from the terminal would otherwise do).
/// </remarks>
internal static class EmulatorProcess
{
    private const string Banner = "ExoIp emulator listening on ";
    private const string SetSid = "/usr/bin/setsid";

    // Only emulators this process started can be stopped by id: never kill an unrelated process.
    private static readonly ConcurrentDictionary<int, EmulatorInstance> Started = new();
    private static readonly ConcurrentDictionary<int, Process> Processes = new();

    // In a session of its own the emulator no longer gets the terminal's SIGHUP: stop it when this process
    // gets it, or ends.
    private static readonly IDisposable? Hangup = PosixSignals.Register(PosixSignals.Hangup, () =>
    {
        StopAll();
        return false;
    });

    static EmulatorProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll();
    }

    /// <summary>The emulator's entry assembly, beside this module's assembly.</summary>
    public static string EntryAssembly =>
        Path.Combine(Path.GetDirectoryName(typeof(EmulatorProcess).Assembly.Location)!, "emulator", "ExoIp.Emulator.dll");

    /// <summary>Starts it and returns what Start-ExoIpEmulator shows, or throws when it did not start in time.</summary>
    public static EmulatorInstance Start(string arguments, string zone, TimeSpan timeout)
    {
        if (!File.Exists(EntryAssembly))
            throw new FileNotFoundException($"The emulator is not in this module ({EntryAssembly}).", EntryAssembly);
        var command = $"\"{EntryAssembly}\" {arguments}";
        // setsid execs in place (a child of this process never leads a process group), so the process id stays the emulator's.
        var start = OwnSession
            ? new ProcessStartInfo(SetSid, $"\"{DotnetHost()}\" {command}")
            : new ProcessStartInfo(DotnetHost(), command);
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.CreateNoWindow = true;
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
        var instance = new EmulatorInstance(process.Id, new Uri(line.Substring(Banner.Length).Trim()), zone);
        Processes[process.Id] = process;
        Started[process.Id] = instance;
        return instance;
    }

    /// <summary>The emulators this process started that still run, oldest first.</summary>
    public static IReadOnlyList<EmulatorInstance> Running() =>
        Started.Values.Where(e => Processes.TryGetValue(e.ProcessId, out var p) && !p.HasExited).OrderBy(e => e.StartedAt).ToList();

    /// <summary>Stops an emulator this process started; false when it knows no such emulator.</summary>
    public static bool Stop(int processId)
    {
        Started.TryRemove(processId, out _);
        if (!Processes.TryRemove(processId, out var process)) return false;
        using (process)
        {
            if (!process.HasExited) process.Kill();
            process.WaitForExit(10_000);
        }
        return true;
    }

    private static void StopAll()
    {
        foreach (var processId in Processes.Keys.ToList()) Stop(processId);
    }

    private static bool OwnSession => RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && File.Exists(SetSid);

    // Under `dotnet pwsh` this process is the dotnet host; otherwise take the one on PATH.
    private static string DotnetHost()
    {
        var self = Process.GetCurrentProcess().MainModule?.FileName;
        return self is not null && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? self
            : "dotnet";
    }
}
