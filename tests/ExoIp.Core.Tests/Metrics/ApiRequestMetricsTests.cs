using System;
using System.Linq;
using ExoIp.Metrics;

namespace ExoIp.Tests.Metrics;

public class ApiRequestMetricsTests
{
    [Fact]
    public void Counts_by_operation_and_outcome_and_writes_a_cumulative_histogram()
    {
        var metrics = new ApiRequestMetrics();
        metrics.Record("get_instance", "success", TimeSpan.FromMilliseconds(20));
        metrics.Record("get_instance", "success", TimeSpan.FromMilliseconds(300));
        metrics.Record("get_instance", "unavailable", TimeSpan.FromSeconds(40));
        var text = new PrometheusText(("elastic_ip", "198.51.100.50"), ("watchdog", "w\"1"));
        metrics.WriteTo(text);
        var lines = text.ToString().Split('\n');

        Assert.Equal(2, metrics.Count("get_instance", "success"));
        Assert.Contains("exoip_api_requests_total{elastic_ip=\"198.51.100.50\",watchdog=\"w\\\"1\",operation=\"get_instance\",outcome=\"success\"} 2", lines);
        Assert.Contains("exoip_api_requests_total{elastic_ip=\"198.51.100.50\",watchdog=\"w\\\"1\",operation=\"get_instance\",outcome=\"unavailable\"} 1", lines);
        string Bucket(string le) => lines.Single(l => l.StartsWith("exoip_api_request_duration_seconds_bucket{") && l.Contains($"le=\"{le}\"")).Split(' ')[1];
        Assert.Equal("0", Bucket("0.01"));
        Assert.Equal("1", Bucket("0.025"));
        Assert.Equal("2", Bucket("0.5"));
        Assert.Equal("2", Bucket("30"));
        Assert.Equal("3", Bucket("+Inf"));
        Assert.Contains(lines, l => l.StartsWith("exoip_api_request_duration_seconds_count{") && l.EndsWith(" 3"));
        Assert.Contains("# TYPE exoip_api_request_duration_seconds histogram", lines);
    }
}
