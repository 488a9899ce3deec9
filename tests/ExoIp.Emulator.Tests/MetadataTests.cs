using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace ExoIp.Emulator.Tests;

public class MetadataTests
{
    [Fact]
    public async Task The_default_instance_answers_in_plain_text()
    {
        await using var emulator = await TestSeed.StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.MetadataEndpoint() };

        using var response = await http.GetAsync("instance-id");

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TestSeed.NodeA, await response.Content.ReadAsStringAsync());
        Assert.Equal(TestSeed.Zone, await http.GetStringAsync("availability-zone"));
        Assert.Equal(TestSeed.NodeAIp, await http.GetStringAsync("public-ipv4"));
    }

    [Fact]
    public async Task Each_instance_has_its_own_metadata_path()
    {
        await using var emulator = await TestSeed.StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.MetadataEndpoint(TestSeed.NodeB) };

        Assert.Equal(TestSeed.NodeB, await http.GetStringAsync("instance-id"));
        Assert.Equal(TestSeed.NodeBIp, await http.GetStringAsync("public-ipv4"));
        Assert.Contains("instance-id", await http.GetStringAsync(string.Empty));
    }

    [Fact]
    public async Task The_default_instance_can_change()
    {
        await using var emulator = await TestSeed.StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.MetadataEndpoint() };

        emulator.State.SetDefaultMetadataInstance(TestSeed.OtherZoneNode);

        Assert.Equal(TestSeed.OtherZone, await http.GetStringAsync("availability-zone"));
    }

    [Fact]
    public async Task Without_a_default_instance_metadata_answers_404()
    {
        var seed = TestSeed.Create();
        seed.MetadataInstance = null;
        await using var emulator = await TestSeed.StartAsync(seed);
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(emulator.MetadataEndpoint(), "instance-id"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000000", "instance-id")]
    [InlineData(TestSeed.NodeA, "no-such-key")]
    public async Task Unknown_instances_and_keys_answer_404(string instanceId, string key)
    {
        await using var emulator = await TestSeed.StartAsync();
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(emulator.MetadataEndpoint(instanceId), key));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
