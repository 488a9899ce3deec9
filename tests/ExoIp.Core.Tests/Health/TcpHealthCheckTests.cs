using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Health;

namespace ExoIp.Tests.Health;

public class TcpHealthCheckTests
{
    [Fact]
    public async Task Healthy_while_a_listener_accepts_then_refused_once_it_closes()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var check = new TcpHealthCheck("127.0.0.1", port);
        Assert.Equal($"tcp://127.0.0.1:{port}", check.Description);

        var up = await check.CheckAsync(CancellationToken.None);
        Assert.True(up.Passed, up.Reason);

        listener.Stop();
        var down = await check.CheckAsync(CancellationToken.None);
        Assert.Equal(HealthCheckOutcome.Failed, down.Outcome);
        Assert.Contains("refused", down.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_host_name_is_resolved()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var result = await new TcpHealthCheck("localhost", ((IPEndPoint)listener.LocalEndpoint).Port).CheckAsync(CancellationToken.None);
            Assert.True(result.Passed, result.Reason);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task An_unresolvable_name_fails_saying_so()
    {
        var check = new TcpHealthCheck("no-such-host.invalid", 80);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => check.CheckAsync(CancellationToken.None));
        Assert.Contains("cannot resolve 'no-such-host.invalid'", error.Message);
    }

    [Theory]
    [InlineData("", 80)]
    [InlineData("127.0.0.1", 0)]
    [InlineData("127.0.0.1", 65536)]
    public void Rejects_a_blank_host_or_a_bad_port(string host, int port)
    {
        Assert.ThrowsAny<ArgumentException>(() => new TcpHealthCheck(host, port));
    }
}
