using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Configuration;
using ExoIp.Peers;
using ExoIp.Tests.Exoscale;
using static ExoIp.Tests.Exoscale.ApiTestBed;

namespace ExoIp.Tests.Peers;

public sealed class InstancePoolPeersTests : IAsyncLifetime
{
    private const string PoolId = "7e9a1c3d-5f2b-4d6e-8a0c-2e4f6a8c0e1b";
    private const string Stopped = "8f0b2d4e-6a3c-4e7f-9b1d-3f5a7b9d1f2c";
    private ApiTestBed _bed = null!;

    public async Task InitializeAsync()
    {
        _bed = await ApiTestBed.StartAsync();
        _bed.Emulator.State.AddInstancePool(PoolId, "web", new[] { OtherEipId });
        _bed.Emulator.State.AddInstance(Stopped, "node-stopped", "194.182.169.99", state: "stopped");
        foreach (var member in new[] { NodeA, NodeB, Stopped }) _bed.Emulator.State.SetInstancePool(member, PoolId);
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task Lists_the_running_members_with_an_address_but_itself()
    {
        var (pool, members) = await InstancePoolPeers.ListAsync(_bed.Client(), "web", Guid.Parse(NodeA), EipId, CancellationToken.None);

        Assert.Equal(PoolId, pool.Id);
        var member = Assert.Single(members);
        Assert.Equal(NodeBAddress, member.Address.ToString());
        Assert.Equal(Guid.Parse(NodeB), member.Id);
    }

    [Fact]
    public async Task Refuses_a_pool_that_attaches_the_watched_Elastic_IP_itself()
    {
        var error = await Assert.ThrowsAsync<ConfigurationException>(() =>
            InstancePoolPeers.ListAsync(_bed.Client(), PoolId, Guid.Empty, OtherEipId, CancellationToken.None));

        Assert.Equal("InstancePool", error.Setting);
        Assert.Contains($"attaches Elastic IP {OtherEipId} to every member itself", error.Message);
        Assert.Empty(_bed.Requests("GET", "^/v2/instance$"));
    }
}
