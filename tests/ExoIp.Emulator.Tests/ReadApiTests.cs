using System.Linq;
using System.Net;
using System.Threading.Tasks;

namespace ExoIp.Emulator.Tests;

public class ReadApiTests
{
    [Fact]
    public async Task Zone_lists_the_emulators_zone_with_its_own_endpoint()
    {
        await using var emulator = await TestSeed.StartAsync();
        using var client = new SignedApiClient(emulator);

        var zones = (await client.GetJsonAsync("/zone")).GetProperty("zones");

        var zone = Assert.Single(zones.EnumerateArray());
        Assert.Equal(TestSeed.Zone, zone.GetProperty("name").GetString());
        Assert.Equal(emulator.ApiEndpoint.ToString(), zone.GetProperty("api-endpoint").GetString());
    }

    [Fact]
    public async Task Elastic_ips_list_only_the_zones_own_with_the_api_field_names()
    {
        await using var emulator = await TestSeed.StartAsync();
        using var client = new SignedApiClient(emulator);

        var list = (await client.GetJsonAsync("/elastic-ip")).GetProperty("elastic-ips");

        var eip = Assert.Single(list.EnumerateArray());
        Assert.Equal(TestSeed.ElasticIpId, eip.GetProperty("id").GetString());
        Assert.Equal(TestSeed.ElasticIp, eip.GetProperty("ip").GetString());
        Assert.Equal("inet4", eip.GetProperty("addressfamily").GetString());
        Assert.Equal(TestSeed.ElasticIp + "/32", eip.GetProperty("cidr").GetString());
        Assert.Equal("web VIP", eip.GetProperty("description").GetString());
        Assert.Equal(eip.ToString(), (await client.GetJsonAsync($"/elastic-ip/{TestSeed.ElasticIpId}")).ToString());
    }

    [Theory]
    [InlineData("/elastic-ip/" + TestSeed.OtherZoneElasticIpId)]
    [InlineData("/elastic-ip/00000000-0000-0000-0000-000000000000")]
    [InlineData("/instance/" + TestSeed.OtherZoneNode)]
    [InlineData("/instance/00000000-0000-0000-0000-000000000000")]
    [InlineData("/security-group/00000000-0000-0000-0000-000000000000")]
    [InlineData("/operation/00000000-0000-0000-0000-000000000000")]
    [InlineData("/no-such-resource")]
    public async Task Unknown_and_other_zone_resources_answer_404_with_a_message(string path)
    {
        await using var emulator = await TestSeed.StartAsync();
        using var client = new SignedApiClient(emulator);

        using var response = await client.GetAsync(path);

        Assert.False(string.IsNullOrEmpty(await Json.ReadErrorAsync(response, HttpStatusCode.NotFound)));
    }

    [Fact]
    public async Task Instance_list_items_carry_security_groups_but_no_elastic_ips()
    {
        var seed = TestSeed.Create();
        seed.Instances[0].ElasticIps = [TestSeed.ElasticIpId];
        await using var emulator = await TestSeed.StartAsync(seed);
        using var client = new SignedApiClient(emulator);

        var instances = (await client.GetJsonAsync("/instance")).GetProperty("instances");

        Assert.Equal(new[] { TestSeed.NodeA, TestSeed.NodeB }, Json.Ids(instances));
        var first = instances[0];
        Assert.Equal("node-a", first.GetProperty("name").GetString());
        Assert.Equal("running", first.GetProperty("state").GetString());
        Assert.Equal(TestSeed.NodeAIp, first.GetProperty("public-ip").GetString());
        Assert.Equal(new[] { TestSeed.GroupId }, Json.Ids(first.GetProperty("security-groups")));
        Assert.DoesNotContain("elastic-ips", Json.Names(first));
    }

    [Fact]
    public async Task Instance_get_shows_its_elastic_ips()
    {
        var seed = TestSeed.Create();
        seed.Instances[0].ElasticIps = [TestSeed.ElasticIpId];
        await using var emulator = await TestSeed.StartAsync(seed);
        using var client = new SignedApiClient(emulator);

        var holder = await client.GetJsonAsync($"/instance/{TestSeed.NodeA}");
        var other = await client.GetJsonAsync($"/instance/{TestSeed.NodeB}");

        Assert.Equal(new[] { TestSeed.ElasticIpId }, Json.Ids(holder.GetProperty("elastic-ips")));
        Assert.Equal(new[] { TestSeed.GroupId }, Json.Ids(holder.GetProperty("security-groups")));
        Assert.DoesNotContain("elastic-ips", Json.Names(other));
    }

    [Theory]
    [InlineData(TestSeed.NodeBIp, TestSeed.NodeB)]
    [InlineData("192.0.2.21", null)]
    [InlineData("203.0.113.1", null)]
    public async Task Instance_list_filters_by_ip_address_within_the_zone(string address, string? expected)
    {
        await using var emulator = await TestSeed.StartAsync();
        using var client = new SignedApiClient(emulator);

        var instances = (await client.GetJsonAsync($"/instance?ip-address={address}")).GetProperty("instances");

        Assert.Equal(expected is null ? System.Array.Empty<string>() : new[] { expected }, Json.Ids(instances));
    }

    [Fact]
    public async Task Security_groups_list_and_get()
    {
        await using var emulator = await TestSeed.StartAsync();
        using var client = new SignedApiClient(emulator);

        var list = (await client.GetJsonAsync("/security-group")).GetProperty("security-groups");
        var group = await client.GetJsonAsync($"/security-group/{TestSeed.GroupId}");

        Assert.Equal(new[] { TestSeed.GroupId }, Json.Ids(list));
        Assert.Equal("exoip", group.GetProperty("name").GetString());
        Assert.Equal(TestSeed.GroupId, group.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Requests_are_recorded_with_path_and_status()
    {
        await using var emulator = await TestSeed.StartAsync();
        using var client = new SignedApiClient(emulator);

        await client.GetJsonAsync("/zone");
        using var missing = await client.GetAsync("/instance/unknown");

        Assert.Equal(new[] { ("GET", "/v2/zone", 200), ("GET", "/v2/instance/unknown", 404) },
            emulator.Requests.Select(r => (r.Method, r.Path, r.Status)));
    }
}
