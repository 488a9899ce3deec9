using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace ExoIp.Emulator.Tests;

public class EmulatorStateTests
{
    [Fact]
    public async Task A_snapshot_loads_back_into_the_same_state()
    {
        var seed = TestSeed.Create();
        seed.Instances[1].ElasticIps = [TestSeed.ElasticIpId];
        seed.OperationDelayMs = 40;
        await using var emulator = await TestSeed.StartAsync(seed);
        var snapshot = JsonSerializer.Serialize(emulator.State.Snapshot());

        await using var other = await ExoscaleEmulator.StartAsync(new EmulatorOptions { Zone = "at-vie-1" });
        other.State.Load(JsonSerializer.Deserialize<EmulatorSeed>(snapshot)!);

        Assert.Equal(snapshot, JsonSerializer.Serialize(other.State.Snapshot()));
        Assert.Equal(TestSeed.Zone, other.State.Zone);
        Assert.Equal(TimeSpan.FromMilliseconds(40), other.OperationDelay);
        Assert.Equal(new[] { TestSeed.NodeB }, other.HoldersOf(TestSeed.ElasticIpId));
    }

    [Fact]
    public async Task The_example_seed_file_loads()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "seed.example.json");
        var seed = JsonSerializer.Deserialize<EmulatorSeed>(File.ReadAllText(path))!;

        await using var emulator = await ExoscaleEmulator.StartAsync(new EmulatorOptions { Seed = seed });

        Assert.NotEmpty(emulator.State.Snapshot().Credentials);
        Assert.NotEmpty(emulator.HoldersOf("198.51.100.50"));
    }

    [Fact]
    public async Task The_csharp_helpers_add_what_the_api_then_serves()
    {
        await using var emulator = await ExoscaleEmulator.StartAsync(new EmulatorOptions { Zone = "de-fra-1" });
        emulator.State.AddCredentials(TestSeed.Credentials.Key, TestSeed.Credentials.Secret);
        emulator.State.AddSecurityGroup("g1", "cluster");
        emulator.State.AddElasticIp("e1", "2001:db8::50", description: "v6");
        emulator.State.AddInstance("i1", "one", "192.0.2.1", "stopped", ["g1"]);
        using var client = new SignedApiClient(emulator);

        var eip = await client.GetJsonAsync("/elastic-ip/e1");
        var instance = await client.GetJsonAsync("/instance/i1");

        Assert.Equal("inet6", eip.GetProperty("addressfamily").GetString());
        Assert.Equal("2001:db8::50/128", eip.GetProperty("cidr").GetString());
        Assert.Equal("stopped", instance.GetProperty("state").GetString());
        Assert.Equal("de-fra-1", emulator.State.Snapshot().Instances.Single().Zone);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_clear_exceptions()
    {
        await using var emulator = await TestSeed.StartAsync();
        var state = emulator.State;

        Assert.Throws<InvalidOperationException>(() => state.AddElasticIp(TestSeed.ElasticIpId, "198.51.100.1"));
        Assert.Throws<InvalidOperationException>(() => state.AddCredentials(TestSeed.Credentials.Key, "other"));
        Assert.Throws<ArgumentException>(() => state.AddElasticIp("new", "not an ip"));
        Assert.Throws<ArgumentException>(() => state.AddInstance("new", "n", "192.0.2.9", "dancing"));
        Assert.Throws<ArgumentException>(() => state.AddInstance("new", "n", "192.0.2.9", securityGroupIds: ["unknown"]));
        Assert.Throws<KeyNotFoundException>(() => state.SetInstanceState("unknown", "running"));
        Assert.Throws<KeyNotFoundException>(() => state.RemoveInstance("unknown"));
        Assert.Throws<KeyNotFoundException>(() => state.SetDefaultMetadataInstance("unknown"));
        Assert.Throws<ArgumentOutOfRangeException>(() => emulator.OperationDelay = TimeSpan.FromSeconds(-1));
        await Assert.ThrowsAsync<ArgumentException>(() => ExoscaleEmulator.StartAsync(new EmulatorOptions { Address = "localhost-ish" }));
    }

    [Fact]
    public async Task A_secret_never_shows_in_error_messages()
    {
        await using var emulator = await TestSeed.StartAsync();

        var error = Assert.Throws<InvalidOperationException>(() => emulator.State.AddCredentials(TestSeed.Credentials.Key, "another-secret"));

        Assert.DoesNotContain("another-secret", error.Message);
        Assert.DoesNotContain(TestSeed.Credentials.Secret, error.Message);
    }
}
