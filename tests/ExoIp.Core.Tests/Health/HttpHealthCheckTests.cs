using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Health;
using Microsoft.AspNetCore.Http;

namespace ExoIp.Tests.Health;

public class HttpHealthCheckTests
{
    private static async Task<HealthCheckResult> CheckAsync(Uri uri, bool skipCertificateCheck = false)
    {
        using var check = new HttpHealthCheck(uri, skipCertificateCheck);
        return await check.CheckAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(204, true)]
    [InlineData(301, true)]
    [InlineData(399, true)]
    [InlineData(404, false)]
    [InlineData(500, false)]
    [InlineData(503, false)]
    public async Task Healthy_on_2xx_and_3xx_only(int status, bool healthy)
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Respond = context =>
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        };
        var result = await CheckAsync(server.At("health?full=1"));
        Assert.Equal(healthy, result.Passed);
        Assert.StartsWith($"HTTP {status}", result.Reason);
        Assert.Equal(new[] { "/health?full=1" }, server.Requests);
    }

    [Fact]
    public async Task A_redirect_is_not_followed()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Respond = context =>
        {
            if (context.Request.Path == "/health") context.Response.Redirect("/elsewhere");
            else context.Response.StatusCode = 500;
            return Task.CompletedTask;
        };
        var result = await CheckAsync(server.At("health"));
        Assert.True(result.Passed, result.Reason);
        Assert.Equal("HTTP 302 Found", result.Reason);
        Assert.Equal(new[] { "/health" }, server.Requests);
    }

    [Fact]
    public async Task Each_check_opens_a_new_connection()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        var connections = new System.Collections.Concurrent.ConcurrentBag<string>();
        server.Respond = context =>
        {
            connections.Add(context.Connection.Id);
            return Task.CompletedTask;
        };
        using var check = new HttpHealthCheck(server.At("health"));
        for (var i = 0; i < 3; i++) Assert.True((await check.CheckAsync(CancellationToken.None)).Passed);
        Assert.Equal(3, connections.Distinct().Count());
    }

    [Fact]
    public async Task A_refused_connection_fails_with_the_reason()
    {
        var server = await LoopbackHttpServer.StartAsync();
        var uri = server.At("health");
        await server.DisposeAsync();
        var result = await CheckAsync(uri);
        Assert.Equal(HealthCheckOutcome.Failed, result.Outcome);
        Assert.Contains("refused", result.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_self_signed_certificate_fails_unless_the_check_is_skipped()
    {
        await using var server = await LoopbackHttpServer.StartAsync(https: true);
        Assert.Equal("https", server.BaseAddress.Scheme);

        var verified = await CheckAsync(server.At("health"));
        Assert.Equal(HealthCheckOutcome.Failed, verified.Outcome);
        Assert.Contains("certificate", verified.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(server.Requests);

        var skipped = await CheckAsync(server.At("health"), skipCertificateCheck: true);
        Assert.True(skipped.Passed, skipped.Reason);
        Assert.Equal(new[] { "/health" }, server.Requests);
    }

    [Fact]
    public async Task A_server_that_never_answers_is_cancelled_by_the_token()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        var release = new TaskCompletionSource();
        server.Respond = _ => release.Task;
        using var check = new HttpHealthCheck(server.At("health"));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => check.CheckAsync(cancel.Token));
        release.SetResult();
    }

    [Theory]
    [InlineData("ftp://example.com/")]
    [InlineData("/relative")]
    public void Only_absolute_http_uris_are_accepted(string uri)
    {
        Assert.Throws<ArgumentException>(() => new HttpHealthCheck(new Uri(uri, UriKind.RelativeOrAbsolute)));
    }
}
