namespace ExoIp.Bench.Micro;

/// <summary>One micro-benchmark's figures.</summary>
/// <param name="Name">Class.Method, with its parameters when it has some.</param>
/// <param name="MeanNs">Mean time per operation, nanoseconds.</param>
/// <param name="MedianNs">Median time per operation, nanoseconds.</param>
/// <param name="P95Ns">95th percentile of the per-iteration means, nanoseconds.</param>
/// <param name="OperationsPerSecond">1 s / mean, on one core.</param>
/// <param name="AllocatedBytesPerOperation">Managed memory allocated per operation.</param>
/// <param name="Iterations">Measured iterations.</param>
internal sealed record MicroResult(
    string Name, double MeanNs, double MedianNs, double P95Ns, double OperationsPerSecond, long AllocatedBytesPerOperation, int Iterations);
