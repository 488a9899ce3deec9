using System;
using System.Collections.Generic;
using System.Globalization;

namespace ExoIp.Metrics;

/// <summary>
/// API calls by operation and outcome, and their durations as a histogram per operation: what
/// <c>exoip_api_requests_total</c> and <c>exoip_api_request_duration_seconds</c> expose. Thread-safe; calls are few.
/// </summary>
public sealed class ApiRequestMetrics
{
    /// <summary>The histogram's upper bounds, seconds: from a quick read to an attach that waits for its operation.</summary>
    public static readonly IReadOnlyList<double> Buckets = new[] { 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30 };

    private readonly object _gate = new();
    private readonly SortedDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, Histogram> _durations = new(StringComparer.Ordinal);

    /// <summary>Counts one call of <paramref name="operation"/> that ended in <paramref name="outcome"/> after <paramref name="duration"/>.</summary>
    public void Record(string operation, string outcome, TimeSpan duration)
    {
        lock (_gate)
        {
            var key = operation + "\n" + outcome;
            _counts[key] = _counts.TryGetValue(key, out var count) ? count + 1 : 1;
            if (!_durations.TryGetValue(operation, out var histogram)) _durations[operation] = histogram = new Histogram(Buckets.Count);
            histogram.Add(duration.TotalSeconds);
        }
    }

    /// <summary>The calls of <paramref name="operation"/> that ended in <paramref name="outcome"/> so far.</summary>
    public long Count(string operation, string outcome)
    {
        lock (_gate) return _counts.TryGetValue(operation + "\n" + outcome, out var count) ? count : 0;
    }

    internal void WriteTo(PrometheusText text)
    {
        lock (_gate)
        {
            text.Family("exoip_api_requests_total", "counter", "Exoscale API calls by operation and outcome.");
            foreach (var pair in _counts)
            {
                var parts = pair.Key.Split('\n');
                text.Sample("exoip_api_requests_total", pair.Value, ("operation", parts[0]), ("outcome", parts[1]));
            }
            text.Family("exoip_api_request_duration_seconds", "histogram", "Duration of Exoscale API calls, retries and operation waits included.");
            foreach (var pair in _durations)
            {
                var histogram = pair.Value;
                long cumulative = 0;
                for (var i = 0; i < Buckets.Count; i++)
                {
                    cumulative += histogram.Counts[i];
                    text.Sample("exoip_api_request_duration_seconds_bucket", cumulative,
                        ("operation", pair.Key), ("le", Buckets[i].ToString("R", CultureInfo.InvariantCulture)));
                }
                text.Sample("exoip_api_request_duration_seconds_bucket", histogram.Total, ("operation", pair.Key), ("le", "+Inf"));
                text.Sample("exoip_api_request_duration_seconds_sum", histogram.Sum, ("operation", pair.Key));
                text.Sample("exoip_api_request_duration_seconds_count", histogram.Total, ("operation", pair.Key));
            }
        }
    }

    private sealed class Histogram
    {
        public Histogram(int buckets) => Counts = new long[buckets];

        public long[] Counts { get; }

        public long Total { get; private set; }

        public double Sum { get; private set; }

        public void Add(double seconds)
        {
            for (var i = 0; i < Buckets.Count; i++)
            {
                if (seconds > Buckets[i]) continue;
                Counts[i]++;
                break;
            }
            Total++;
            Sum += seconds;
        }
    }
}
