using System;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace ExoIp.Bench.Micro;

/// <summary>
/// Runs the hot-path micro-benchmarks with BenchmarkDotNet in this process (no generated project to build,
/// which alone would take most of the time budget on two cores) and writes one figure set per benchmark.
/// </summary>
internal static class MicroBenchmarks
{
    /// <summary>The <c>micro</c> command.</summary>
    public static int Run(CommandLine options)
    {
        var output = options.Text("out");
        var quick = options.Flag("quick");
        options.ThrowIfUnread();

        var job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(quick ? 1 : 3)
            .WithIterationCount(quick ? 3 : 10)
            .WithIterationTime(TimeInterval.FromMilliseconds(quick ? 100 : 250))
            .WithLaunchCount(1);
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddLogger(ConsoleLogger.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithArtifactsPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output))!, "BenchmarkDotNet.Artifacts"));

        var summaries = BenchmarkRunner.Run(new[] { typeof(AdvertisementBenchmarks), typeof(AuthenticationBenchmarks), typeof(ElectionBenchmarks) }, config);
        var results = summaries.SelectMany(s => s.Reports.Select(Describe)).ToList();
        if (results.Count == 0 || results.Any(r => r is null))
        {
            Console.Error.WriteLine("A micro-benchmark did not produce a result; see the log above.");
            return 1;
        }
        ResultFile.Write(output, new { quick, benchmarks = results });
        return 0;
    }

    private static MicroResult? Describe(BenchmarkReport report)
    {
        if (report.ResultStatistics is not { } statistics) return null;
        var benchmark = report.BenchmarkCase;
        var parameters = benchmark.HasParameters ? benchmark.Parameters.DisplayInfo : string.Empty;
        return new MicroResult(
            $"{benchmark.Descriptor.Type.Name}.{benchmark.Descriptor.WorkloadMethod.Name}{parameters}",
            statistics.Mean,
            statistics.Median,
            statistics.Percentiles.P95,
            1e9 / statistics.Mean,
            report.GcStats.GetBytesAllocatedPerOperation(benchmark) ?? 0,
            statistics.N);
    }
}
