using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Configuration;
using ExoIp.Emulator;
using ExoIp.Exoscale;
using ExoIp.Tests.Exoscale;
using ExoIp.Tests.Transport;
using ExoIp.Watchdog;
using static ExoIp.Tests.Exoscale.ApiTestBed;

namespace ExoIp.Tests.Configuration;

/// <summary>
/// A managed Elastic IP (egoscale v3 ElasticIP.Healthcheck; the CLI's "Type: managed") against the emulator:
/// read, refused to a watchdog before anything changes, attached as any other by a single change.
/// </summary>
public sealed class ManagedElasticIpTests : IAsyncLifetime
{
    private const string ManagedId = "9b2f5e1c-3d4a-4f6b-8c7d-0e1f2a3b4c5d";
    private const string ManagedAddress = "198.51.100.70";
    private ApiTestBed _bed = null!;

    public async Task InitializeAsync()
    {
        _bed = await ApiTestBed.StartAsync();
        _bed.Emulator.State.AddManagedElasticIp(ManagedId, ManagedAddress,
            new ElasticIpHealthcheck { Mode = "http", Port = 80, Uri = "/health", Interval = 10, StrikesOk = 2, StrikesFail = 3 });
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task Its_health_check_is_read()
    {
        var managed = await _bed.Client().ResolveElasticIpAsync(ManagedAddress);
        var plain = await _bed.Client().ResolveElasticIpAsync(EipAddress);

        Assert.True(managed.IsManaged);
        Assert.Equal("http port 80 /health", managed.Healthcheck!.ToString());
        Assert.Equal(3, managed.Healthcheck.StrikesFail);
        Assert.Contains("it is managed (http port 80 /health)", managed.Describe());
        Assert.False(plain.IsManaged);
        Assert.Equal($"Elastic IP {EipAddress} has id {EipId}.", plain.Describe());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_watchdog_is_refused_before_it_asks_or_changes_anything_else(bool thorough)
    {
        var options = new WatchdogOptions
        {
            ElasticIp = IPAddress.Parse(ManagedAddress), InstanceId = Guid.Parse(NodeA), Peers = new[] { IPAddress.Parse(NodeBAddress) },
        };

        var error = await Assert.ThrowsAsync<ManagedElasticIpException>(() =>
            WatchdogPreflight.CheckAsync(_bed.Client(), options, thorough, CancellationToken.None));

        Assert.Equal(ManagedId, error.ElasticIp.Id);
        Assert.Contains("is managed", error.Message);
        Assert.Contains("unmanaged Elastic IP", error.Message);
        Assert.Empty(_bed.Requests("GET", "^/v2/instance"));
        Assert.Empty(_bed.Requests("PUT", "."));
    }

    [Fact]
    public async Task A_watchdog_started_while_the_API_did_not_answer_ends_with_the_same_refusal_before_any_change()
    {
        // The API refuses the first three look-ups of the Elastic IP, then answers: the start-up check's (which a
        // host tolerates: it starts anyway) and the running watchdog's first two (retried).
        _bed.Emulator.Faults.Add(new FaultRule { Method = "GET", PathPattern = "^/v2/elastic-ip$", StatusCode = 503, Count = 3 });
        var client = _bed.Client(o => o.MaxRetries = 0);
        var port = LoopbackPorts.FindFree(IPAddress.Loopback);
        var options = new WatchdogOptions
        {
            ElasticIp = IPAddress.Parse(ManagedAddress), InstanceId = Guid.Parse(NodeA), Peers = new[] { IPAddress.Parse("127.0.0.3") },
            Bind = new IPEndPoint(IPAddress.Loopback, port), Interval = TimeSpan.FromMilliseconds(100), RetryDelay = TimeSpan.FromMilliseconds(50),
        };
        await Assert.ThrowsAsync<ExoscaleUnavailableException>(() => WatchdogPreflight.CheckAsync(client, options, thorough: false, CancellationToken.None));
        var engine = new WatchdogEngine(options, client);

        var error = await Assert.ThrowsAsync<ManagedElasticIpException>(() => engine.RunAsync().WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Equal(ManagedId, error.ElasticIp.Id);
        Assert.Equal(4, _bed.Requests("GET", "^/v2/elastic-ip$").Count);
        var stopped = Assert.Single(await EventsAsync(engine), e => e.Kind == WatchdogEventKind.Stopped);
        Assert.Contains("is managed", stopped.Error);
        Assert.Equal(WatchdogStatus.Stopped, engine.GetSnapshot().Status);
        Assert.Empty(_bed.Requests("PUT", "."));
        Assert.Empty(_bed.Emulator.HoldersOf(ManagedId));
    }

    [Fact]
    public async Task Attaching_it_to_one_more_instance_leaves_the_other_holder()
    {
        var client = _bed.Client();
        Assert.True(await client.AttachElasticIpAsync(ManagedId, NodeA));
        Assert.True(await client.AttachElasticIpAsync(ManagedId, NodeB));

        Assert.Equal(2, _bed.Emulator.HoldersOf(ManagedId).Count);
    }

    private static async Task<List<WatchdogEvent>> EventsAsync(WatchdogEngine engine)
    {
        var events = new List<WatchdogEvent>();
        await foreach (var e in engine.Events.ReadAllAsync()) events.Add(e);
        return events;
    }
}
