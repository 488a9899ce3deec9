using System;
using System.Diagnostics;

namespace ExoIp.Bench.Cluster;

/// <summary>This process's CPU time and memory at one moment.</summary>
/// <param name="At">When it was read (monotonic).</param>
/// <param name="ProcessorTime">CPU time used so far, all threads.</param>
/// <param name="ResidentBytes">Resident set size.</param>
/// <param name="ManagedBytes">Managed heap in use.</param>
internal sealed record ProcessFootprint(TimeSpan At, TimeSpan ProcessorTime, long ResidentBytes, long ManagedBytes)
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    /// <summary>Reads the footprint now.</summary>
    public static ProcessFootprint Now()
    {
        using var process = Process.GetCurrentProcess();
        return new ProcessFootprint(Clock.Elapsed, process.TotalProcessorTime, process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false));
    }

    /// <summary>The CPU used between <paramref name="earlier"/> and this reading, as a percentage of one core.</summary>
    public double CpuPercentOfOneCoreSince(ProcessFootprint earlier) =>
        100.0 * (ProcessorTime - earlier.ProcessorTime).TotalSeconds / (At - earlier.At).TotalSeconds;
}
