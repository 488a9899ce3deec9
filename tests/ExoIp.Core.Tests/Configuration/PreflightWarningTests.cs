using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Configuration;
using ExoIp.Emulator;
using ExoIp.Protocol;
using ExoIp.Tests.Exoscale;
using ExoIp.Tests.Transport;
using ExoIp.Watchdog;
using static ExoIp.Tests.Exoscale.ApiTestBed;

namespace ExoIp.Tests.Configuration;

/// <summary>-ValidateOnly / -n warns about a priority of 255 and about a peer heard advertising the same priority.</summary>
public sealed class PreflightWarningTests : IAsyncLifetime
{
    private ApiTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await ApiTestBed.StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private static WatchdogOptions Options(byte priority, int port) => new()
    {
        ElasticIp = IPAddress.Parse(EipAddress), InstanceId = Guid.Parse(NodeA), Priority = priority,
        Peers = new[] { IPAddress.Parse(NodeBAddress) }, Bind = new IPEndPoint(IPAddress.Loopback, port),
        Interval = TimeSpan.FromMilliseconds(200),
    };

    [Fact]
    public async Task Priority_255_is_a_warning_and_a_lone_node_hears_no_tie()
    {
        var report = await WatchdogPreflight.CheckAsync(_bed.Client(), Options(255, LoopbackPorts.FindFree(IPAddress.Loopback)), thorough: true, CancellationToken.None);

        Assert.Equal("Priority 255 is what a faulty node advertises: the peers will see this node as faulty and it never takes the Elastic IP.",
            Assert.Single(report.Warnings));
    }

    [Fact]
    public async Task A_peer_advertising_the_same_priority_is_named()
    {
        var port = LoopbackPorts.FindFree(IPAddress.Loopback);
        var peer = Guid.Parse(NodeB);
        using var sender = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var stop = new CancellationTokenSource();
        // A running peer advertises every 50 ms while the check listens, from a thread of its own as a peer's process
        // would (on the test's thread pool, busy with the other tests, it sent nothing for the whole window once).
        var advertising = new Thread(() =>
        {
            var same = new Advertisement(10, IPAddress.Parse(EipAddress), peer).Encode();
            var other = new Advertisement(20, IPAddress.Parse(EipAddress), Guid.NewGuid()).Encode();
            while (!stop.Token.WaitHandle.WaitOne(50))
            {
                sender.Send(same, same.Length, new IPEndPoint(IPAddress.Loopback, port));
                sender.Send(other, other.Length, new IPEndPoint(IPAddress.Loopback, port));
            }
        }) { IsBackground = true };
        advertising.Start();

        var report = await WatchdogPreflight.CheckAsync(_bed.Client(), Options(10, port), thorough: true, CancellationToken.None);
        stop.Cancel();
        advertising.Join();

        var warning = Assert.Single(report.Warnings);
        Assert.StartsWith($"Priority 10 is also advertised by 127.0.0.1 ({peer})", warning);
    }

    [Fact]
    public async Task A_start_does_not_listen_nor_warn()
    {
        var report = await WatchdogPreflight.CheckAsync(_bed.Client(), Options(255, LoopbackPorts.FindFree(IPAddress.Loopback)), thorough: false, CancellationToken.None);

        Assert.Empty(report.Warnings);
        Assert.True(report.Facts.Count >= 2);
    }
}

/// <summary>-ValidateOnly / -n tries each read a watchdog makes and names the one the key's IAM role refuses.</summary>
public sealed class PreflightPermissionTests : IAsyncLifetime
{
    private const string RestrictedKey = "EXOrestricted0123456789abc";
    private ApiTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await ApiTestBed.StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Theory]
    [InlineData("get-operation")]
    [InlineData("list-instances")]
    [InlineData("get-instance")]
    public async Task The_refused_read_is_named(string refused)
    {
        string[] reads = { "list-elastic-ips", "get-elastic-ip", "get-instance", "list-instances", "get-operation" };

        var error = await Assert.ThrowsAsync<ExoIp.Exoscale.ExoscaleAuthenticationException>(() => CheckWithKeyAllowedAsync(reads.Where(r => r != refused)));

        Assert.Equal(refused, error.Operation);
        Assert.True(error.IsPermissionDenied);
        Assert.Contains($"The API key may not call {refused}", error.Message);
    }

    [Fact]
    public async Task A_key_allowed_every_read_passes()
    {
        var report = await CheckWithKeyAllowedAsync(new[] { "list-elastic-ips", "get-instance", "list-instances", "get-operation" });

        Assert.Contains("get-operation is allowed (polling an attach or detach).", report.Facts);
    }

    // A thorough check of a static-peer watchdog with a key whose role allows only these operations.
    private Task<PreflightReport> CheckWithKeyAllowedAsync(IEnumerable<string> operations)
    {
        _bed.Emulator.State.AddCredentials(new SeedCredentials { Key = RestrictedKey, Secret = Secret, Operations = operations.ToList() });
        var client = _bed.Client(o => o.Credentials = new ExoIp.Exoscale.ApiCredentials(RestrictedKey, Secret));
        var options = new WatchdogOptions
        {
            ElasticIp = IPAddress.Parse(EipAddress), InstanceId = Guid.Parse(NodeA), Peers = new[] { IPAddress.Parse(NodeBAddress) },
            Bind = new IPEndPoint(IPAddress.Loopback, LoopbackPorts.FindFree(IPAddress.Loopback)), Interval = TimeSpan.FromMilliseconds(100),
        };
        return WatchdogPreflight.CheckAsync(client, options, thorough: true, CancellationToken.None);
    }
}
