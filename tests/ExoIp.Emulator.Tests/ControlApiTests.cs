using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace ExoIp.Emulator.Tests;

/// <summary>The unsigned control API, as Pester and scripts use it: plain HTTP with JSON.</summary>
public sealed class ControlApiTests : IAsyncLifetime
{
    private ExoscaleEmulator _emulator = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _emulator = await ExoscaleEmulator.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_emulator.BaseAddress, "_emulator/") };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task Reset_with_a_seed_then_state_gives_it_back()
    {
        var seed = JsonSerializer.Serialize(TestSeed.Create());

        await Send(HttpMethod.Post, "reset", seed, HttpStatusCode.NoContent);
        var state = await Send(HttpMethod.Get, "state", null, HttpStatusCode.OK);

        using var expected = JsonDocument.Parse(seed);
        Assert.Equal(TestSeed.NodeA, state.GetProperty("metadata-instance").GetString());
        Assert.Equal(Json.Ids(expected.RootElement.GetProperty("instances")), Json.Ids(state.GetProperty("instances")));
        Assert.Equal(TestSeed.OtherZone, state.GetProperty("elastic-ips")[1].GetProperty("zone").GetString());
        Assert.Equal(TestSeed.Credentials.Key, state.GetProperty("credentials")[0].GetProperty("key").GetString());
        Assert.Equal(0, state.GetProperty("operation-delay-ms").GetInt32());
    }

    [Fact]
    public async Task Resources_added_one_by_one_are_served_by_the_signed_api()
    {
        await Send(HttpMethod.Post, "credentials", $$$"""{"key":"{{{TestSeed.Credentials.Key}}}","secret":"{{{TestSeed.Credentials.Secret}}}"}""", HttpStatusCode.NoContent);
        await Send(HttpMethod.Post, "security-groups", $$$"""{"id":"{{{TestSeed.GroupId}}}","name":"exoip"}""", HttpStatusCode.NoContent);
        await Send(HttpMethod.Post, "elastic-ips", $$$"""{"id":"{{{TestSeed.ElasticIpId}}}","ip":"{{{TestSeed.ElasticIp}}}"}""", HttpStatusCode.NoContent);
        await Send(HttpMethod.Post, "instances",
            $$$"""{"id":"{{{TestSeed.NodeA}}}","name":"a","public-ip":"{{{TestSeed.NodeAIp}}}","security-groups":["{{{TestSeed.GroupId}}}"],"elastic-ips":["{{{TestSeed.ElasticIpId}}}"]}""",
            HttpStatusCode.NoContent);
        using var client = new SignedApiClient(_emulator);

        var instance = await client.GetJsonAsync($"/instance/{TestSeed.NodeA}");

        Assert.Equal(new[] { TestSeed.ElasticIpId }, Json.Ids(instance.GetProperty("elastic-ips")));
        var holders = await Send(HttpMethod.Get, $"holders/{TestSeed.ElasticIp}", null, HttpStatusCode.OK);
        Assert.Equal(TestSeed.ElasticIpId, holders.GetProperty("elasticIpId").GetString());
        Assert.Equal(TestSeed.ElasticIp, holders.GetProperty("elasticIp").GetString());
        Assert.Equal(new[] { TestSeed.NodeA }, holders.GetProperty("holders").EnumerateArray().Select(h => h.GetString()));
    }

    [Fact]
    public async Task Instance_state_removal_delay_and_metadata_instance_can_be_changed()
    {
        _emulator.State.Load(TestSeed.Create());

        await Send(HttpMethod.Put, $"instances/{TestSeed.NodeB}/state", """{"state":"stopped"}""", HttpStatusCode.NoContent);
        await Send(HttpMethod.Delete, $"instances/{TestSeed.NodeA}", null, HttpStatusCode.NoContent);
        await Send(HttpMethod.Put, "operation-delay", """{"milliseconds":250}""", HttpStatusCode.NoContent);
        await Send(HttpMethod.Put, "metadata-instance", $$$"""{"id":"{{{TestSeed.NodeB}}}"}""", HttpStatusCode.NoContent);

        var state = _emulator.State.Snapshot();
        Assert.Equal("stopped", Assert.Single(state.Instances, i => i.Id == TestSeed.NodeB).State);
        Assert.DoesNotContain(state.Instances, i => i.Id == TestSeed.NodeA);
        Assert.Equal(TimeSpan.FromMilliseconds(250), _emulator.OperationDelay);
        Assert.Equal(TestSeed.NodeB, state.MetadataInstance);
    }

    [Fact]
    public async Task Managed_elastic_ips_operation_endings_repeated_answers_and_zones_can_be_set()
    {
        _emulator.State.Load(TestSeed.Create());

        await Send(HttpMethod.Post, "elastic-ips",
            """{"id":"9b2f5e1c-3d4a-4f6b-8c7d-0e1f2a3b4c5d","ip":"198.51.100.70","healthcheck":{"mode":"tcp","port":22}}""", HttpStatusCode.NoContent);
        await Send(HttpMethod.Put, "operation-ending", """{"ending":"timeout-applied"}""", HttpStatusCode.NoContent);
        await Send(HttpMethod.Put, "repeated-change-answer", """{"answer":"operation-conflict"}""", HttpStatusCode.NoContent);
        await Send(HttpMethod.Post, "zones", """{"name":"de-fra-1","api-endpoint":"http://127.0.0.2:8080/v2"}""", HttpStatusCode.NoContent);

        var state = _emulator.State.Snapshot();
        Assert.Equal(22, Assert.Single(state.ElasticIps, e => e.Ip == "198.51.100.70").Healthcheck!.Port);
        Assert.Equal(OperationEnding.TimeoutApplied, state.OperationEnding);
        Assert.Equal(RepeatedChangeAnswer.OperationConflict, state.RepeatedChangeAnswer);
        using var client = new SignedApiClient(_emulator);
        var managed = await client.GetJsonAsync("/elastic-ip/9b2f5e1c-3d4a-4f6b-8c7d-0e1f2a3b4c5d");
        Assert.Equal("tcp", managed.GetProperty("healthcheck").GetProperty("mode").GetString());
        var zones = (await client.GetJsonAsync("/zone")).GetProperty("zones").EnumerateArray()
            .Select(z => (z.GetProperty("name").GetString()!, z.GetProperty("api-endpoint").GetString()!)).ToList();
        Assert.Equal(new[] { ("ch-gva-2", _emulator.ApiEndpoint.ToString()), ("de-fra-1", "http://127.0.0.2:8080/v2") }, zones);
        // A snapshot loads back with all of it.
        _emulator.State.Load(state);
        Assert.Equal(RepeatedChangeAnswer.OperationConflict, _emulator.State.RepeatedChangeAnswer);
    }

    [Theory]
    [InlineData("POST", "elastic-ips", """{"id":"x","ip":"198.51.100.99","healthcheck":{"mode":"icmp","port":22}}""", HttpStatusCode.BadRequest)]
    [InlineData("PUT", "operation-ending", """{"ending":"never"}""", HttpStatusCode.BadRequest)]
    [InlineData("POST", "zones", """{"name":"ch-gva-2","api-endpoint":"http://127.0.0.2:8080/v2"}""", HttpStatusCode.Conflict)]
    [InlineData("PUT", "instances/" + TestSeed.NodeB + "/state", """{"state":"sleeping"}""", HttpStatusCode.BadRequest)]
    [InlineData("PUT", "instances/unknown/state", """{"state":"stopped"}""", HttpStatusCode.NotFound)]
    [InlineData("DELETE", "instances/unknown", null, HttpStatusCode.NotFound)]
    [InlineData("POST", "instances", """{"id":"x","name":"x","security-groups":["unknown"]}""", HttpStatusCode.BadRequest)]
    [InlineData("POST", "instances", """{"id":"x","name":"x","public-ip":"not-an-ip"}""", HttpStatusCode.BadRequest)]
    [InlineData("POST", "elastic-ips", """{"id":"5a30ca7d-b1e7-430a-a46a-c6ecefec4305","ip":"198.51.100.99"}""", HttpStatusCode.Conflict)]
    [InlineData("POST", "elastic-ips", "{not json", HttpStatusCode.BadRequest)]
    [InlineData("POST", "reset", """{"instances":[{"id":"x","name":"x","elastic-ips":["unknown"]}]}""", HttpStatusCode.BadRequest)]
    [InlineData("POST", "faults", """{"pathPattern":"(unclosed"}""", HttpStatusCode.BadRequest)]
    [InlineData("POST", "faults", """{"pathPattern":"^/v2/","rate":2}""", HttpStatusCode.BadRequest)]
    [InlineData("DELETE", "faults/unknown", null, HttpStatusCode.NotFound)]
    [InlineData("GET", "holders/203.0.113.9", null, HttpStatusCode.NotFound)]
    [InlineData("GET", "stats/" + TestSeed.ElasticIpId + "?from=yesterday", null, HttpStatusCode.BadRequest)]
    public async Task Bad_requests_get_a_clear_status_and_message(string method, string path, string? body, HttpStatusCode expected)
    {
        _emulator.State.Load(TestSeed.Create());

        using var response = await _http.SendAsync(Request(new HttpMethod(method), path, body));

        Assert.False(string.IsNullOrEmpty(await Json.ReadErrorAsync(response, expected)));
    }

    [Fact]
    public async Task A_failed_reset_leaves_the_state_as_it_was()
    {
        _emulator.State.Load(TestSeed.Create());

        await Send(HttpMethod.Post, "reset", """{"credentials":[{"key":"k","secret":"s"}],"instances":[{"id":"x","name":"x","state":"bogus"}]}""",
            HttpStatusCode.BadRequest);

        Assert.Equal(3, _emulator.State.Snapshot().Instances.Count);
    }

    [Fact]
    public async Task History_stats_and_requests_come_as_json()
    {
        _emulator.State.Load(TestSeed.Create());
        using var client = new SignedApiClient(_emulator);
        using (var attach = await client.AttachAsync(TestSeed.ElasticIpId, TestSeed.NodeA)) Assert.Equal(HttpStatusCode.OK, attach.StatusCode);
        using (var attach = await client.AttachAsync(TestSeed.ElasticIpId, TestSeed.NodeB)) Assert.Equal(HttpStatusCode.OK, attach.StatusCode);

        var history = await Send(HttpMethod.Get, $"history?elasticIp={TestSeed.ElasticIp}", null, HttpStatusCode.OK);
        var from = Uri.EscapeDataString(history[0].GetProperty("time").GetString()!);
        var stats = await Send(HttpMethod.Get, $"stats/{TestSeed.ElasticIpId}?from={from}", null, HttpStatusCode.OK);
        var requests = await Send(HttpMethod.Get, "requests", null, HttpStatusCode.OK);

        Assert.Equal(new[] { TestSeed.NodeA, TestSeed.NodeB }, history.EnumerateArray().Select(c => c.GetProperty("instanceId").GetString()));
        Assert.Equal("attach", history[1].GetProperty("action").GetString());
        Assert.True(DateTimeOffset.TryParse(history[0].GetProperty("time").GetString(), out _));
        Assert.Equal(2, stats.GetProperty("changes").GetInt32());
        Assert.Equal(TimeSpan.Zero, TimeSpan.Parse(stats.GetProperty("longestWithoutHolder").GetString()!));
        Assert.True(TimeSpan.Parse(stats.GetProperty("longestWithSeveralHolders").GetString()!) >= TimeSpan.Zero);
        Assert.Equal(2, stats.GetProperty("holdersNow").GetArrayLength());
        Assert.Equal(new[] { 200, 200 }, requests.EnumerateArray().Select(r => r.GetProperty("status").GetInt32()));
        Assert.All(requests.EnumerateArray(), r => Assert.EndsWith(":attach", r.GetProperty("path").GetString()));

        var since = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"));
        Assert.Equal(0, (await Send(HttpMethod.Get, $"requests?since={since}", null, HttpStatusCode.OK)).GetArrayLength());
    }

    [Fact]
    public async Task Faults_are_added_and_removed_over_http()
    {
        _emulator.State.Load(TestSeed.Create());
        using var client = new SignedApiClient(_emulator);

        var added = await Send(HttpMethod.Post, "faults", """{"pathPattern":"^/v2/zone$","statusCode":500}""", HttpStatusCode.OK);
        using (var failed = await client.GetAsync("/zone")) Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        using (var control = await _http.GetAsync("state")) Assert.Equal(HttpStatusCode.OK, control.StatusCode);
        await Send(HttpMethod.Delete, $"faults/{added.GetProperty("id").GetString()}", null, HttpStatusCode.NoContent);
        using (var served = await client.GetAsync("/zone")) Assert.Equal(HttpStatusCode.OK, served.StatusCode);

        await Send(HttpMethod.Post, "faults", """{"pathPattern":"^/v2/","latency":"00:00:00.010","statusCode":502}""", HttpStatusCode.OK);
        using (var failed = await client.GetAsync("/zone")) Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        await Send(HttpMethod.Delete, "faults", null, HttpStatusCode.NoContent);
        using (var served = await client.GetAsync("/zone")) Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    private async Task<JsonElement> Send(HttpMethod method, string path, string? body, HttpStatusCode expected)
    {
        using var response = await _http.SendAsync(Request(method, path, body));
        if (expected == HttpStatusCode.NoContent)
        {
            Assert.True(response.StatusCode == expected, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return default;
        }

        return await Json.ReadAsync(response, expected);
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string? body) => new(method, path)
    {
        Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"),
    };
}
