using System;
using System.Linq;
using System.Threading.Tasks;
using ExoIp.Emulator;
using ExoIp.Exoscale;
using static ExoIp.Tests.Exoscale.ApiTestBed;

namespace ExoIp.Tests.Exoscale;

/// <summary>Instance Pools, the holders of an Elastic IP, the zone list and restricted keys, against the emulator.</summary>
public sealed class ExoscaleClientPoolTests : IAsyncLifetime
{
    private const string PoolId = "6d8c1f0a-2b3e-4c5d-9e8f-7a6b5c4d3e2f";
    private const string NodeC = "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    private ApiTestBed _bed = null!;

    public async Task InitializeAsync()
    {
        _bed = await ApiTestBed.StartAsync();
        _bed.Emulator.State.AddInstancePool(PoolId, "web-pool");
        _bed.Emulator.State.AddInstance(NodeC, "node-c", "194.182.169.27");
        _bed.Emulator.State.SetInstancePool(NodeA, PoolId);
        _bed.Emulator.State.SetInstancePool(NodeB, PoolId);
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task A_pool_is_found_by_name_or_id_with_its_members()
    {
        var client = _bed.Client();

        var byName = await client.ResolveInstancePoolAsync("web-pool");
        var byId = await client.ResolveInstancePoolAsync(PoolId);

        Assert.Equal(PoolId, byName.Id);
        Assert.Equal(new[] { NodeA, NodeB }.OrderBy(i => i), byName.Instances!.Select(i => i.Id).OrderBy(i => i));
        Assert.Equal(byName.Instances!.Select(i => i.Id), byId.Instances!.Select(i => i.Id));
        Assert.Equal(2, byId.Size);
        Assert.Contains(_bed.Requests("GET", "^/v2/instance-pool$"), r => r.Status == 200);
    }

    [Fact]
    public async Task The_members_come_with_their_addresses_and_manager_and_follow_one_leaving()
    {
        var client = _bed.Client();

        var members = await client.ListInstancePoolMembersAsync(PoolId);
        Assert.Equal(new[] { NodeAAddress, NodeBAddress }, members.Select(m => m.PublicIp).OrderBy(a => a));
        Assert.All(members, m => Assert.Equal(PoolId, m.Manager!.Id));
        Assert.All(members, m => Assert.Equal("instance-pool", m.Manager!.Type));

        _bed.Emulator.State.SetInstancePool(NodeB, null);
        Assert.Equal(new[] { NodeA }, (await client.ListInstancePoolMembersAsync(PoolId)).Select(m => m.Id));
        Assert.Null((await client.GetInstanceAsync(NodeB)).Manager);
    }

    [Fact]
    public async Task The_members_are_asked_with_manager_type_and_manager_id_as_the_API_defines_them()
    {
        await _bed.Client().ListInstancePoolMembersAsync(PoolId);

        var listing = Assert.Single(_bed.Requests("GET", "^/v2/instance$"));
        var query = listing.Query.TrimStart('?').Split('&').OrderBy(p => p, StringComparer.Ordinal);
        Assert.Equal(new[] { "manager-id=" + PoolId, "manager-type=instance-pool" }, query);
    }

    [Fact]
    public async Task An_unknown_pool_is_not_found_by_name_and_by_id()
    {
        var client = _bed.Client();

        var byName = await Assert.ThrowsAsync<ExoscaleNotFoundException>(() => client.ResolveInstancePoolAsync("nope"));
        Assert.Equal("instance-pool", byName.ResourceKind);
        Assert.Contains("No Instance Pool is named 'nope'", byName.Message);

        var byId = await Assert.ThrowsAsync<ExoscaleNotFoundException>(() => client.ResolveInstancePoolAsync(UnknownId));
        Assert.Equal("instance-pool", byId.ResourceKind);
    }

    [Fact]
    public async Task A_pool_carrying_the_Elastic_IP_says_so()
    {
        const string CarrierId = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
        _bed.Emulator.State.AddInstancePool(CarrierId, "carrier", new[] { EipId });

        var pool = await _bed.Client().ResolveInstancePoolAsync("carrier");

        Assert.True(pool.Carries(EipId));
        Assert.False((await _bed.Client().GetInstancePoolAsync(PoolId)).Carries(EipId));
    }

    [Fact]
    public async Task The_holders_of_an_Elastic_IP_are_listed_by_its_address_peers_or_not()
    {
        var client = _bed.Client();
        await client.AttachElasticIpAsync(EipId, NodeA);
        await client.AttachElasticIpAsync(EipId, NodeC);

        var holders = await client.ListInstancesAsync(EipAddress);

        Assert.Equal(new[] { NodeA, NodeC }.OrderBy(i => i), holders.Select(h => h.Id).OrderBy(i => i));
        Assert.Equal(new[] { NodeB }, (await client.ListInstancesAsync(NodeBAddress)).Select(h => h.Id));
        Assert.Empty(await client.ListInstancesAsync(OtherEipAddress));
    }

    [Fact]
    public async Task The_zone_list_is_the_APIs()
    {
        var zone = Assert.Single(await _bed.Client().ListZonesAsync());
        Assert.Equal(Zone, zone.Name);
        Assert.Equal(_bed.Emulator.ApiEndpoint.ToString(), zone.ApiEndpoint);
    }

    [Fact]
    public async Task A_key_refused_one_operation_after_others_worked_names_that_operation()
    {
        const string Restricted = "EXOrestricted0123456789abcd";
        _bed.Emulator.State.AddCredentials(new SeedCredentials
        {
            Key = Restricted, Secret = Secret, Operations = new() { "list-elastic-ips", "get-instance" },
        });
        var client = _bed.Client(o => o.Credentials = new ApiCredentials(Restricted, Secret));

        await client.ListElasticIpsAsync();
        var error = await Assert.ThrowsAsync<ExoscaleAuthenticationException>(() => client.ListInstancePoolsAsync());

        Assert.True(error.IsPermissionDenied);
        Assert.Equal("list-instance-pools", error.Operation);
        Assert.Contains("The API key may not call list-instance-pools", error.Message);
        Assert.Contains("IAM role does not allow this operation", error.Message);
        _bed.AssertSecretNowhere(error);
    }

    [Fact]
    public async Task A_wrong_secret_at_the_first_call_is_an_authentication_failure_naming_the_operation()
    {
        var error = await Assert.ThrowsAsync<ExoscaleAuthenticationException>(() => _bed.Client(secret: "wrong").ListElasticIpsAsync());

        Assert.False(error.IsPermissionDenied);
        Assert.Contains("Check the API key and secret, and that the key's IAM role allows list-elastic-ips", error.Message);
    }
}
