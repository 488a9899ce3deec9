using System.Linq;
using System.Threading.Tasks;
using ExoIp.Exoscale;
using Microsoft.Extensions.Logging;
using static ExoIp.Tests.Exoscale.ApiTestBed;

namespace ExoIp.Tests.Exoscale;

/// <summary>Reads against the emulator, which verifies every signature: a wrongly signed request would fail with 403.</summary>
public sealed class ExoscaleClientReadTests : IAsyncLifetime
{
    private ApiTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await ApiTestBed.StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task Lists_and_gets_Elastic_IPs()
    {
        var client = _bed.Client();

        var all = await client.ListElasticIpsAsync();
        Assert.Equal(new[] { EipAddress, OtherEipAddress }, all.Select(e => e.Ip).OrderBy(ip => ip));

        var one = await client.GetElasticIpAsync(EipId);
        Assert.Equal(EipId, one.Id);
        Assert.Equal(EipAddress, one.Ip);
        Assert.Equal("exoip test", one.Description);
        _bed.AssertSecretNowhere();
    }

    [Fact]
    public async Task Gets_an_instance_with_its_groups_and_Elastic_IPs()
    {
        var client = _bed.Client();
        await client.AttachElasticIpAsync(EipId, NodeA);

        var instance = await client.GetInstanceAsync(NodeA);

        Assert.Equal(NodeA, instance.Id);
        Assert.Equal("node-a", instance.Name);
        Assert.Equal("running", instance.State);
        Assert.Equal(NodeAAddress, instance.PublicIp);
        Assert.True(instance.IsMemberOf(GroupId));
        Assert.True(instance.Holds(EipId));
        Assert.False(instance.Holds(OtherEipId));
    }

    [Fact]
    public async Task Lists_instances_all_or_by_address()
    {
        var client = _bed.Client();

        var all = await client.ListInstancesAsync();
        Assert.Equal(new[] { NodeB, NodeA }.OrderBy(id => id), all.Select(i => i.Id).OrderBy(id => id));

        // A signed query parameter: the emulator checks it is part of the signature.
        var byAddress = await client.ListInstancesAsync(NodeBAddress);
        Assert.Equal(NodeB, Assert.Single(byAddress).Id);
        Assert.Empty(await client.ListInstancesAsync("192.0.2.1"));
        // Escaped on the wire (%3A), signed decoded: a mismatch would be a 403.
        Assert.Empty(await client.ListInstancesAsync("2001:db8::1"));
    }

    [Fact]
    public async Task Lists_and_gets_security_groups()
    {
        var client = _bed.Client();

        var group = Assert.Single(await client.ListSecurityGroupsAsync());
        Assert.Equal(GroupId, group.Id);
        Assert.Equal(GroupName, group.Name);
        Assert.Equal(GroupName, (await client.GetSecurityGroupAsync(GroupId)).Name);
    }

    [Fact]
    public async Task Gets_an_operation()
    {
        var client = _bed.Client();
        await client.AttachElasticIpAsync(EipId, NodeA);
        var operationId = Assert.Single(_bed.Emulator.History(EipId), c => c.Action == "attach").OperationId;

        var operation = await client.GetOperationAsync(operationId);

        Assert.Equal(operationId, operation.Id);
        Assert.Equal("success", operation.State);
        Assert.False(operation.IsPending);
    }

    [Theory]
    [InlineData(EipAddress)]
    [InlineData(" " + EipAddress + " ")]
    [InlineData(EipId)]
    public async Task Resolves_an_Elastic_IP_by_address_or_id(string addressOrId)
    {
        var resolved = await _bed.Client().ResolveElasticIpAsync(addressOrId);
        Assert.Equal(EipId, resolved.Id);
        Assert.Equal(EipAddress, resolved.Ip);
    }

    [Fact]
    public async Task Resolves_an_IPv6_Elastic_IP_written_another_way()
    {
        const string id = "b0c1d2e3-f4a5-4b6c-8d7e-9f0a1b2c3d4e";
        _bed.Emulator.State.AddElasticIp(id, "2001:db8::50");

        var resolved = await _bed.Client().ResolveElasticIpAsync("2001:DB8:0:0::50");

        Assert.Equal(id, resolved.Id);
    }

    [Fact]
    public async Task An_unknown_address_is_not_found_and_named()
    {
        var error = await Assert.ThrowsAsync<ExoscaleNotFoundException>(() => _bed.Client().ResolveElasticIpAsync("198.51.100.99"));
        Assert.Equal("elastic-ip", error.ResourceKind);
        Assert.Equal("198.51.100.99", error.Resource);
        Assert.StartsWith($"No Elastic IP 198.51.100.99 in the API at {_bed.Emulator.ApiEndpoint}", error.Message);
    }

    [Fact]
    public async Task An_unknown_id_is_not_found_and_named()
    {
        var error = await Assert.ThrowsAsync<ExoscaleNotFoundException>(() => _bed.Client().ResolveElasticIpAsync(UnknownId));
        Assert.Equal("elastic-ip", error.ResourceKind);
        Assert.Equal(UnknownId, error.Resource);
        Assert.Equal(404, error.StatusCode);
        Assert.Contains($"No Elastic IP {UnknownId}", error.Message);
        Assert.Contains($"GET /v2/elastic-ip/{UnknownId} answered 404", error.Message);
    }

    [Theory]
    [InlineData("my elastic ip")]
    [InlineData("../instance")]
    public async Task Text_that_is_neither_address_nor_id_is_not_found_without_asking(string text)
    {
        var error = await Assert.ThrowsAsync<ExoscaleNotFoundException>(() => _bed.Client().ResolveElasticIpAsync(text));
        Assert.Contains("neither an IP address nor an Elastic IP id", error.Message);
        Assert.Empty(_bed.Emulator.Requests);
    }

    [Fact]
    public async Task An_unknown_instance_is_not_found()
    {
        var error = await Assert.ThrowsAsync<ExoscaleNotFoundException>(() => _bed.Client().GetInstanceAsync(UnknownId));
        Assert.Equal("instance", error.ResourceKind);
        Assert.Equal(UnknownId, error.Resource);
        Assert.StartsWith($"No instance {UnknownId} in the API at", error.Message);
    }

    [Fact]
    public async Task Ids_that_would_change_the_path_are_refused_before_sending()
    {
        var client = _bed.Client();
        await Assert.ThrowsAsync<System.ArgumentException>(() => client.GetInstanceAsync("a/../b"));
        await Assert.ThrowsAsync<System.ArgumentException>(() => client.AttachElasticIpAsync(EipId, "x?y=1"));
        Assert.Empty(_bed.Emulator.Requests);
    }

    [Fact]
    public async Task A_wrong_secret_is_an_authentication_error_that_is_not_retried()
    {
        var client = _bed.Client(secret: "not-the-secret");

        var error = await Assert.ThrowsAsync<ExoscaleAuthenticationException>(() => client.ListElasticIpsAsync());

        Assert.Equal(403, error.StatusCode);
        Assert.Contains("Invalid request signature", error.Message);
        Assert.Contains("GET /v2/elastic-ip answered 403", error.Message);
        Assert.DoesNotContain("not-the-secret", error.ToString());
        Assert.DoesNotContain(_bed.Log.Lines, l => l.Text.Contains("not-the-secret"));
        Assert.Equal(0, client.Counters.Retries);
        Assert.Equal(1, client.Counters.Failures);
    }

    [Fact]
    public async Task An_unknown_key_is_an_authentication_error()
    {
        var options = new ExoscaleClientOptions
        {
            Credentials = new ApiCredentials("EXOunknownkey", Secret),
            Endpoint = _bed.Emulator.ApiEndpoint,
            Logger = _bed.Log,
        };
        using var client = new ExoscaleClient(options);

        var error = await Assert.ThrowsAsync<ExoscaleAuthenticationException>(() => client.GetInstanceAsync(NodeA));
        _bed.AssertSecretNowhere(error);
    }

    [Fact]
    public async Task Logs_each_request_at_debug_with_status_time_and_attempt()
    {
        var client = _bed.Client();
        await client.GetInstanceAsync(NodeA);

        var line = Assert.Single(_bed.Log.At(LogLevel.Debug));
        Assert.Matches($@"^GET /v2/instance/{NodeA} → 200 in \d+ ms, attempt 1$", line);
        Assert.Equal(1, client.Counters.Requests);
        Assert.Equal(0, client.Counters.Failures);
    }
}
