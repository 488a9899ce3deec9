using System;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;

namespace ExoIp.Emulator.Tests;

public class AttachDetachTests
{
    [Fact]
    public async Task Attach_answers_a_pending_operation_that_succeeds_and_shows_on_the_instance()
    {
        await using var emulator = await TestSeed.StartAsync();
        using var client = new SignedApiClient(emulator);

        using var response = await client.AttachAsync(TestSeed.ElasticIpId, TestSeed.NodeA);
        var operation = await Json.ReadAsync(response, HttpStatusCode.OK);

        Assert.Equal("pending", operation.GetProperty("state").GetString());
        var reference = operation.GetProperty("reference");
        Assert.Equal(TestSeed.ElasticIpId, reference.GetProperty("id").GetString());
        // The real shape: the command that reads the resource, and a link relative to the server.
        Assert.Equal("get-elastic-ip", reference.GetProperty("command").GetString());
        Assert.Equal($"/v2/elastic-ip/{TestSeed.ElasticIpId}", reference.GetProperty("link").GetString());
        var done = await client.GetJsonAsync($"/operation/{operation.GetProperty("id").GetString()}");
        Assert.Equal("success", done.GetProperty("state").GetString());
        var instance = await client.GetJsonAsync($"/instance/{TestSeed.NodeA}");
        Assert.Equal(new[] { TestSeed.ElasticIpId }, Json.Ids(instance.GetProperty("elastic-ips")));
        Assert.Equal(new[] { TestSeed.NodeA }, emulator.HoldersOf(TestSeed.ElasticIp));
    }

    [Fact]
    public async Task One_elastic_ip_can_sit_on_several_instances_and_detach_removes_it_from_one()
    {
        await using var emulator = await TestSeed.StartAsync();
        using var client = new SignedApiClient(emulator);

        await AssertOkAsync(client.AttachAsync(TestSeed.ElasticIpId, TestSeed.NodeA));
        await AssertOkAsync(client.AttachAsync(TestSeed.ElasticIpId, TestSeed.NodeB));
        Assert.Equal(new[] { TestSeed.NodeA, TestSeed.NodeB }, emulator.HoldersOf(TestSeed.ElasticIpId));

        var detach = await AssertOkAsync(client.DetachAsync(TestSeed.ElasticIpId, TestSeed.NodeA));

        Assert.Equal("get-elastic-ip", detach.GetProperty("reference").GetProperty("command").GetString());
        Assert.Equal(new[] { TestSeed.NodeB }, emulator.HoldersOf(TestSeed.ElasticIpId));
        var formerHolder = await client.GetJsonAsync($"/instance/{TestSeed.NodeA}");
        Assert.DoesNotContain("elastic-ips", Json.Names(formerHolder));
    }

    [Fact]
    public async Task Attaching_twice_to_the_same_instance_is_refused()
    {
        await using var emulator = await TestSeed.StartAsync();
        using var client = new SignedApiClient(emulator);
        await AssertOkAsync(client.AttachAsync(TestSeed.ElasticIpId, TestSeed.NodeA));

        using var again = await client.AttachAsync(TestSeed.ElasticIpId, TestSeed.NodeA);

        Assert.Contains("already attached", await Json.ReadErrorAsync(again, HttpStatusCode.BadRequest));
        Assert.Single(emulator.History(TestSeed.ElasticIpId));
    }

    [Fact]
    public async Task Detaching_from_an_instance_that_does_not_hold_it_is_refused()
    {
        await using var emulator = await TestSeed.StartAsync();
        using var client = new SignedApiClient(emulator);

        using var response = await client.DetachAsync(TestSeed.ElasticIpId, TestSeed.NodeB);

        Assert.Contains("not attached", await Json.ReadErrorAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Attaching_to_an_instance_of_another_zone_is_refused()
    {
        await using var emulator = await TestSeed.StartAsync();
        using var client = new SignedApiClient(emulator);

        using var response = await client.AttachAsync(TestSeed.ElasticIpId, TestSeed.OtherZoneNode);

        Assert.Contains(TestSeed.OtherZone, await Json.ReadErrorAsync(response, HttpStatusCode.BadRequest));
        Assert.Empty(emulator.HoldersOf(TestSeed.ElasticIpId));
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000000", TestSeed.NodeA)]
    [InlineData(TestSeed.OtherZoneElasticIpId, TestSeed.OtherZoneNode)]
    [InlineData(TestSeed.ElasticIpId, "00000000-0000-0000-0000-000000000000")]
    public async Task Unknown_elastic_ips_and_instances_answer_404(string elasticIpId, string instanceId)
    {
        await using var emulator = await TestSeed.StartAsync();
        using var client = new SignedApiClient(emulator);

        using var response = await client.AttachAsync(elasticIpId, instanceId);

        await Json.ReadErrorAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(":attach", "not json", HttpStatusCode.BadRequest)]
    [InlineData(":attach", """{"instance":{}}""", HttpStatusCode.BadRequest)]
    [InlineData(":attach", "", HttpStatusCode.BadRequest)]
    [InlineData(":move", """{"instance":{"id":"x"}}""", HttpStatusCode.NotFound)]
    [InlineData("", """{"instance":{"id":"x"}}""", HttpStatusCode.NotFound)]
    public async Task Malformed_changes_are_refused_with_a_message(string action, string body, HttpStatusCode expected)
    {
        await using var emulator = await TestSeed.StartAsync();
        using var client = new SignedApiClient(emulator);

        using var response = await client.SendAsync(HttpMethod.Put, $"/elastic-ip/{TestSeed.ElasticIpId}{action}", body);

        await Json.ReadErrorAsync(response, expected);
    }

    [Fact]
    public async Task With_an_operation_delay_the_change_applies_only_when_the_operation_succeeds()
    {
        await using var emulator = await TestSeed.StartAsync();
        emulator.OperationDelay = TimeSpan.FromMilliseconds(300);
        using var client = new SignedApiClient(emulator);

        var operation = await AssertOkAsync(client.AttachAsync(TestSeed.ElasticIpId, TestSeed.NodeA));
        var id = operation.GetProperty("id").GetString()!;
        var first = await client.GetJsonAsync($"/operation/{id}");
        var holdersWhilePending = first.GetProperty("state").GetString() == "pending" ? emulator.HoldersOf(TestSeed.ElasticIpId) : null;
        var done = await client.WaitForOperationAsync(id);

        Assert.Equal("success", done.GetProperty("state").GetString());
        Assert.Equal(new[] { TestSeed.NodeA }, emulator.HoldersOf(TestSeed.ElasticIpId));
        // The first poll comes well within 300 ms on any sane machine; if it did not, there is nothing to check.
        if (holdersWhilePending is not null) Assert.Empty(holdersWhilePending);
        var change = Assert.Single(emulator.History(TestSeed.ElasticIpId));
        Assert.Equal(id, change.OperationId);
    }

    [Fact]
    public async Task A_second_attach_while_the_first_is_pending_is_refused()
    {
        await using var emulator = await TestSeed.StartAsync();
        emulator.OperationDelay = TimeSpan.FromSeconds(30);
        using var client = new SignedApiClient(emulator);
        await AssertOkAsync(client.AttachAsync(TestSeed.ElasticIpId, TestSeed.NodeA));

        using var again = await client.AttachAsync(TestSeed.ElasticIpId, TestSeed.NodeA);

        await Json.ReadErrorAsync(again, HttpStatusCode.BadRequest);
    }

    private static async Task<JsonElement> AssertOkAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        return await Json.ReadAsync(response, HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(RepeatedChangeAnswer.BadRequest, HttpStatusCode.BadRequest)]
    [InlineData(RepeatedChangeAnswer.NotFound, HttpStatusCode.NotFound)]
    [InlineData(RepeatedChangeAnswer.Conflict, HttpStatusCode.Conflict)]
    public async Task A_repeated_attach_answers_the_status_chosen(RepeatedChangeAnswer answer, HttpStatusCode status)
    {
        await using var emulator = await TestSeed.StartAsync();
        emulator.State.RepeatedChangeAnswer = answer;
        using var client = new SignedApiClient(emulator);
        await AssertOkAsync(client.AttachAsync(TestSeed.ElasticIpId, TestSeed.NodeA));

        using var again = await client.AttachAsync(TestSeed.ElasticIpId, TestSeed.NodeA);

        Assert.Contains("already attached", await Json.ReadErrorAsync(again, status));
        Assert.Single(emulator.History(TestSeed.ElasticIpId));
    }

    [Theory]
    [InlineData(RepeatedChangeAnswer.OperationConflict, "conflict")]
    [InlineData(RepeatedChangeAnswer.OperationIncorrect, "incorrect")]
    public async Task A_repeated_detach_can_answer_an_operation_that_fails(RepeatedChangeAnswer answer, string reason)
    {
        await using var emulator = await TestSeed.StartAsync();
        emulator.State.RepeatedChangeAnswer = answer;
        using var client = new SignedApiClient(emulator);

        var done = await FinishedAsync(client, client.DetachAsync(TestSeed.ElasticIpId, TestSeed.NodeA));

        Assert.Equal("failure", done.GetProperty("state").GetString());
        Assert.Equal(reason, done.GetProperty("reason").GetString());
        Assert.Empty(emulator.History(TestSeed.ElasticIpId));
    }

    [Theory]
    [InlineData(OperationEnding.TimeoutApplied, 1)]
    [InlineData(OperationEnding.TimeoutNotApplied, 0)]
    public async Task An_operation_can_end_in_timeout_with_or_without_the_change(OperationEnding ending, int changes)
    {
        await using var emulator = await TestSeed.StartAsync();
        emulator.State.OperationEnding = ending;
        using var client = new SignedApiClient(emulator);

        var done = await FinishedAsync(client, client.AttachAsync(TestSeed.ElasticIpId, TestSeed.NodeA));

        Assert.Equal("timeout", done.GetProperty("state").GetString());
        Assert.Equal(changes, emulator.History(TestSeed.ElasticIpId).Count);
    }

    // The operation an accepted attach or detach answered, once it left "pending".
    private static async Task<JsonElement> FinishedAsync(SignedApiClient client, Task<HttpResponseMessage> change)
    {
        var operation = await AssertOkAsync(change);
        return await client.WaitForOperationAsync(operation.GetProperty("id").GetString()!);
    }
}
