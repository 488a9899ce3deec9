using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using ExoIp.Exoscale;

namespace ExoIp.Emulator.Tests;

/// <summary>Instance Pools and list-instances' filters, with the OpenAPI spec's field names.</summary>
public class InstancePoolTests
{
    private const string PoolId = "2c4e6a8b-0d1f-4a3c-9e5b-7d9f1b3d5f70";
    private const string CarrierId = "3d5f7b9c-1e2a-4b4d-8f6c-8e0a2c4e6a81";

    private static EmulatorSeed Seed()
    {
        var seed = TestSeed.Create();
        seed.InstancePools.Add(new SeedInstancePool { Id = PoolId, Name = "web" });
        seed.InstancePools.Add(new SeedInstancePool { Id = CarrierId, Name = "carrier", ElasticIps = [TestSeed.ElasticIpId] });
        seed.Instances[0].InstancePool = PoolId;
        seed.Instances[1].InstancePool = PoolId;
        return seed;
    }

    [Fact]
    public async Task Pools_list_and_get_with_their_instances_elastic_ips_and_size()
    {
        await using var emulator = await TestSeed.StartAsync(Seed());
        using var client = new SignedApiClient(emulator);

        var pools = (await client.GetJsonAsync("/instance-pool")).GetProperty("instance-pools");
        Assert.Equal(new[] { PoolId, CarrierId }, Json.Ids(pools));

        var web = await client.GetJsonAsync("/instance-pool/" + PoolId);
        Assert.Equal("web", web.GetProperty("name").GetString());
        Assert.Equal("running", web.GetProperty("state").GetString());
        Assert.Equal(2, web.GetProperty("size").GetInt64());
        Assert.Equal(new[] { TestSeed.NodeA, TestSeed.NodeB }, Json.Ids(web.GetProperty("instances")));
        Assert.False(web.TryGetProperty("elastic-ips", out _));

        var carrier = await client.GetJsonAsync("/instance-pool/" + CarrierId);
        Assert.Equal(new[] { TestSeed.ElasticIpId }, Json.Ids(carrier.GetProperty("elastic-ips")));

        using var missing = await client.GetAsync("/instance-pool/00000000-0000-0000-0000-000000000000");
        Assert.Contains("instance-pool", await Json.ReadErrorAsync(missing, HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task List_instances_filters_by_manager_and_shows_each_instances_manager()
    {
        await using var emulator = await TestSeed.StartAsync(Seed());
        using var client = new SignedApiClient(emulator);

        var managed = (await client.GetJsonAsync("/instance?manager-id=" + PoolId)).GetProperty("instances");
        Assert.Equal(new[] { TestSeed.NodeA, TestSeed.NodeB }, Json.Ids(managed));
        var manager = managed[0].GetProperty("manager");
        Assert.Equal(PoolId, manager.GetProperty("id").GetString());
        Assert.Equal("instance-pool", manager.GetProperty("type").GetString());

        emulator.State.SetInstancePool(TestSeed.NodeB, null);
        Assert.Equal(new[] { TestSeed.NodeA }, Json.Ids((await client.GetJsonAsync("/instance?manager-id=" + PoolId)).GetProperty("instances")));
        Assert.False((await client.GetJsonAsync("/instance/" + TestSeed.NodeB)).TryGetProperty("manager", out _));
        Assert.Equal(new[] { TestSeed.NodeA }, Json.Ids((await client.GetJsonAsync("/instance?manager-type=instance-pool")).GetProperty("instances")));
    }

    [Fact]
    public async Task The_ip_address_filter_matches_attached_Elastic_IPs_as_the_real_API_does()
    {
        await using var emulator = await TestSeed.StartAsync();
        using var client = new SignedApiClient(emulator);
        Assert.Empty((await client.GetJsonAsync("/instance?ip-address=" + TestSeed.ElasticIp)).GetProperty("instances").EnumerateArray());

        await client.WaitForOperationAsync((await Json.ReadAsync(await client.AttachAsync(TestSeed.ElasticIpId, TestSeed.NodeB), HttpStatusCode.OK)).GetProperty("id").GetString()!);

        var holders = (await client.GetJsonAsync("/instance?ip-address=" + TestSeed.ElasticIp)).GetProperty("instances");
        Assert.Equal(new[] { TestSeed.NodeB }, Json.Ids(holders));
        Assert.Equal(new[] { TestSeed.NodeA }, Json.Ids((await client.GetJsonAsync("/instance?ip-address=" + TestSeed.NodeAIp)).GetProperty("instances")));
    }

    [Fact]
    public async Task A_key_restricted_to_some_operations_is_refused_the_others_with_403()
    {
        var seed = TestSeed.Create();
        var restricted = new ApiCredentials("EXOrestricted000000000000", "restricted-secret");
        seed.Credentials.Add(new SeedCredentials { Key = restricted.Key, Secret = restricted.Secret, Operations = ["list-zones", "detach-instance-from-elastic-ip"] });
        await using var emulator = await TestSeed.StartAsync(seed);
        using var client = new SignedApiClient(emulator, restricted);

        using var allowed = await client.GetAsync("/zone");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        using var refused = await client.GetAsync("/instance-pool");
        Assert.Contains("IAM role does not allow", await Json.ReadErrorAsync(refused, HttpStatusCode.Forbidden));
        using var attach = await client.AttachAsync(TestSeed.ElasticIpId, TestSeed.NodeA);
        Assert.Equal(HttpStatusCode.Forbidden, attach.StatusCode);
        Assert.Contains("attach-instance-to-elastic-ip", attach.Headers.GetValues("X-Emulator-Reason").Single());
        // Detach is allowed: the emulator answers it on its merits (not attached: 400).
        using var detach = await client.DetachAsync(TestSeed.ElasticIpId, TestSeed.NodeA);
        Assert.Equal(HttpStatusCode.BadRequest, detach.StatusCode);
    }

    [Fact]
    public async Task Pools_and_restrictions_survive_a_snapshot_and_the_control_API_adds_and_moves_them()
    {
        await using var emulator = await TestSeed.StartAsync(Seed());
        using var http = new HttpClient { BaseAddress = new System.Uri(emulator.BaseAddress, "_emulator/") };

        using var added = await http.PostAsJsonAsync("instance-pools", new { id = "4e6a8c0d-2f3b-4c5e-9a7d-9f1b3d5f7a92", name = "api" });
        Assert.Equal(HttpStatusCode.NoContent, added.StatusCode);
        using var moved = await http.PutAsJsonAsync($"instances/{TestSeed.NodeA}/instance-pool", new { id = "4e6a8c0d-2f3b-4c5e-9a7d-9f1b3d5f7a92" });
        Assert.Equal(HttpStatusCode.NoContent, moved.StatusCode);
        using var unknown = await http.PutAsJsonAsync($"instances/{TestSeed.NodeA}/instance-pool", new { id = "00000000-0000-0000-0000-000000000000" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var snapshot = emulator.State.Snapshot();
        Assert.Equal(3, snapshot.InstancePools.Count);
        Assert.Equal("4e6a8c0d-2f3b-4c5e-9a7d-9f1b3d5f7a92", snapshot.Instances.Single(i => i.Id == TestSeed.NodeA).InstancePool);
        emulator.State.Load(snapshot);
        Assert.Equal(PoolId, emulator.State.Snapshot().Instances.Single(i => i.Id == TestSeed.NodeB).InstancePool);

        var json = JsonSerializer.Serialize(snapshot);
        Assert.Contains("\"instance-pools\"", json);
        Assert.Contains("\"instance-pool\"", json);
    }
}
