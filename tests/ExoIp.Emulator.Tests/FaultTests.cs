using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using ExoIp.Tests;

namespace ExoIp.Emulator.Tests;

public class FaultTests
{
    [Fact]
    public async Task A_rule_fails_matching_requests_only()
    {
        await using var emulator = await TestSeed.StartAsync();
        using var client = new SignedApiClient(emulator);
        emulator.Faults.Add(new FaultRule { PathPattern = "^/v2/elastic-ip/.*:attach$" });

        using var attach = await client.AttachAsync(TestSeed.ElasticIpId, TestSeed.NodeA);
        using var list = await client.GetAsync("/elastic-ip");

        Assert.Contains("Fault", await Json.ReadErrorAsync(attach, HttpStatusCode.ServiceUnavailable));
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Empty(emulator.HoldersOf(TestSeed.ElasticIpId));
    }

    [Fact]
    public async Task A_method_restricts_the_rule()
    {
        await using var emulator = await TestSeed.StartAsync();
        using var client = new SignedApiClient(emulator);
        emulator.Faults.Add(new FaultRule { PathPattern = "^/v2/elastic-ip", Method = "put" });

        using var get = await client.GetAsync($"/elastic-ip/{TestSeed.ElasticIpId}");
        using var put = await client.AttachAsync(TestSeed.ElasticIpId, TestSeed.NodeA);

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, put.StatusCode);
    }

    [Fact]
    public async Task A_count_fails_only_the_next_n_requests()
    {
        await using var emulator = await TestSeed.StartAsync();
        using var client = new SignedApiClient(emulator);
        emulator.Faults.Add(new FaultRule { PathPattern = "^/v2/zone$", Count = 2, StatusCode = 500 });

        var statuses = new int[4];
        for (var i = 0; i < statuses.Length; i++)
        {
            using var response = await client.GetAsync("/zone");
            statuses[i] = (int)response.StatusCode;
        }

        Assert.Equal(new[] { 500, 500, 200, 200 }, statuses);
    }

    [Fact]
    public async Task A_rate_fails_about_that_share_of_requests()
    {
        await using var emulator = await TestSeed.StartAsync();
        using var client = new SignedApiClient(emulator);
        emulator.Faults.Add(new FaultRule { PathPattern = "^/v2/zone$", Rate = 0.5 });

        var failed = 0;
        for (var i = 0; i < 100; i++)
        {
            using var response = await client.GetAsync("/zone");
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable) failed++;
        }

        // Binomial(100, 0.5) falls outside 15..85 with odds below 1e-12.
        Assert.InRange(failed, 15, 85);
    }

    [Theory]
    [InlineData(null, "1")]
    [InlineData(7, "7")]
    public async Task A_429_sends_retry_after(int? seconds, string expected)
    {
        await using var emulator = await TestSeed.StartAsync();
        using var client = new SignedApiClient(emulator);
        emulator.Faults.Add(new FaultRule { PathPattern = "^/v2/", StatusCode = 429, RetryAfterSeconds = seconds });

        using var response = await client.GetAsync("/zone");

        await Json.ReadErrorAsync(response, HttpStatusCode.TooManyRequests);
        Assert.Equal(expected, Assert.Single(response.Headers.GetValues("Retry-After")));
    }

    [Fact]
    public async Task Latency_alone_delays_and_then_serves()
    {
        await using var emulator = await TestSeed.StartAsync();
        using var client = new SignedApiClient(emulator);
        emulator.Faults.Add(new FaultRule { PathPattern = "^/v2/zone$", Latency = TimeSpan.FromMilliseconds(200) });

        using var response = await client.GetAsync("/zone");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Latency_with_an_explicit_status_delays_and_then_fails()
    {
        await using var emulator = await TestSeed.StartAsync();
        using var client = new SignedApiClient(emulator);
        emulator.Faults.Add(new FaultRule { PathPattern = "^/v2/zone$", Latency = TimeSpan.FromMilliseconds(50), StatusCode = 504 });

        using var response = await client.GetAsync("/zone");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
    }

    [Fact]
    public async Task Changing_a_rule_after_adding_it_has_no_effect()
    {
        await using var emulator = await TestSeed.StartAsync();
        using var client = new SignedApiClient(emulator);
        var rule = new FaultRule { PathPattern = "^/v2/zone$", StatusCode = 500 };
        emulator.Faults.Add(rule);

        rule.PathPattern = "^/nothing$";
        using var response = await client.GetAsync("/zone");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Fact]
    public async Task Metadata_paths_can_fail_but_the_control_api_never_does()
    {
        await using var emulator = await TestSeed.StartAsync();
        using var http = new HttpClient();
        emulator.Faults.Add(new FaultRule { PathPattern = ".*" });

        using var metadata = await http.GetAsync(new Uri(emulator.MetadataEndpoint(), "instance-id"));
        using var control = await http.GetAsync(new Uri(emulator.BaseAddress, "_emulator/state"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, metadata.StatusCode);
        Assert.Equal(HttpStatusCode.OK, control.StatusCode);
    }

    [Fact]
    public async Task A_hang_holds_the_request_until_the_client_gives_up_while_others_are_served()
    {
        await using var emulator = await TestSeed.StartAsync();
        using var impatient = new SignedApiClient(emulator);
        impatient.Http.Timeout = TimeSpan.FromMilliseconds(300);
        using var other = new SignedApiClient(emulator);
        emulator.Faults.Add(new FaultRule { PathPattern = "^/v2/elastic-ip/.*:attach$", Hang = true });

        await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.AttachAsync(TestSeed.ElasticIpId, TestSeed.NodeA));
        using var served = await other.GetAsync("/zone");

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        await Eventually.HoldsAsync(() => emulator.Requests.Any(r => r.Status == 499 && r.Path.EndsWith(":attach")), TimeSpan.FromSeconds(20),
            "the abandoned attach is logged as 499", () => string.Join(", ", emulator.Requests.Select(r => $"{r.Status} {r.Path}")));
        Assert.Empty(emulator.HoldersOf(TestSeed.ElasticIpId));
    }

    [Fact]
    public async Task Removing_a_hang_rule_lets_the_held_request_through()
    {
        await using var emulator = await TestSeed.StartAsync();
        using var client = new SignedApiClient(emulator);
        var id = emulator.Faults.Add(new FaultRule { PathPattern = "^/v2/zone$", Hang = true });

        var held = client.GetAsync("/zone");
        await Eventually.HoldsAsync(() => emulator.Faults.Affected(id) == 1, TimeSpan.FromSeconds(20), "the hang rule holds the request",
            () => $"{emulator.Faults.Affected(id)} request(s) affected");
        Assert.False(held.IsCompleted);
        Assert.True(emulator.Faults.Remove(id));
        using var response = await held;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Disposing_cuts_off_a_hanging_request_and_does_not_wait_for_it()
    {
        var emulator = await TestSeed.StartAsync();
        using var client = new SignedApiClient(emulator);
        var id = emulator.Faults.Add(new FaultRule { PathPattern = "^/v2/zone$", Hang = true });
        var held = client.GetAsync("/zone");
        await Eventually.HoldsAsync(() => emulator.Faults.Affected(id) == 1, TimeSpan.FromSeconds(20), "the hang rule holds the request",
            () => $"{emulator.Faults.Affected(id)} request(s) affected");

        // A generous bound that only a shutdown waiting on the hang (forever) would exceed.
        await emulator.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));

        await Assert.ThrowsAsync<HttpRequestException>(() => held);
    }
}
