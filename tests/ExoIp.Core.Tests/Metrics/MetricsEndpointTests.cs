using System.Net;
using ExoIp.Metrics;

namespace ExoIp.Tests.Metrics;

public class MetricsEndpointTests
{
    [Theory]
    [InlineData("http://127.0.0.1:9707/metrics", "127.0.0.1:9707", "/metrics")]
    [InlineData("127.0.0.1:9707", "127.0.0.1:9707", "/metrics")]
    [InlineData(":9707", "127.0.0.1:9707", "/metrics")]
    [InlineData("http://0.0.0.0:9100/exoip", "0.0.0.0:9100", "/exoip")]
    public void Reads_a_url_host_port_or_port_with_loopback_by_default(string text, string address, string path)
    {
        var endpoint = MetricsEndpoint.TryParse(text, out var problem);
        Assert.Null(problem);
        Assert.Equal(IPEndPoint.Parse(address), endpoint!.Address);
        Assert.Equal(path, endpoint.Path);
    }

    [Theory]
    [InlineData("https://127.0.0.1:9707/metrics")]
    [InlineData("http://localhost:9707/metrics")]
    [InlineData("http://127.0.0.1/metrics")]
    [InlineData("http://127.0.0.1:9707/metrics?x=1")]
    [InlineData("nonsense")]
    public void Refuses_what_it_cannot_listen_on(string text)
    {
        Assert.Null(MetricsEndpoint.TryParse(text, out var problem));
        Assert.NotNull(problem);
    }
}
