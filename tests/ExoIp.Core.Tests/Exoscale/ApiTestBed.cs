using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using ExoIp.Emulator;
using ExoIp.Exoscale;

namespace ExoIp.Tests.Exoscale;

/// <summary>A fresh emulator with a small zone in it, and clients pointed at it with test-friendly timings.</summary>
internal sealed class ApiTestBed : IAsyncDisposable
{
    public const string Key = "EXOtest0123456789abcdef0123";
    public const string Zone = "ch-gva-2";
    public const string EipId = "5a30ca7d-b1e7-430a-a46a-c6ecefec4305";
    public const string EipAddress = "198.51.100.50";
    public const string OtherEipId = "8e1c64e8-9b3f-4f52-a2b5-0f3a1d2c4b5e";
    public const string OtherEipAddress = "198.51.100.51";
    public const string NodeA = "e2e09c60-426f-43c4-8f8c-93cfb28b28e4";
    public const string NodeAAddress = "194.182.169.25";
    public const string NodeB = "3f1c2b4a-7d6e-4c5b-9a8f-1e2d3c4b5a69";
    public const string NodeBAddress = "194.182.169.26";
    public const string GroupId = "c7b9e2a1-5d4f-4e3c-8b2a-9f1e0d7c6b5a";
    public const string GroupName = "exoip";
    public const string UnknownId = "00000000-0000-4000-8000-000000000000";

    /// <summary>Unique per run, so finding it anywhere in output is proof of a leak, not a coincidence.</summary>
    public static readonly string Secret = "secret-" + Guid.NewGuid().ToString("N");

    private readonly List<ExoscaleClient> _clients = new();

    private ApiTestBed(ExoscaleEmulator emulator) => Emulator = emulator;

    public ExoscaleEmulator Emulator { get; }

    public CapturingLogger Log { get; } = new();

    public static async Task<ApiTestBed> StartAsync()
    {
        var emulator = await ExoscaleEmulator.StartAsync(new EmulatorOptions { Zone = Zone });
        emulator.State.AddCredentials(Key, Secret);
        emulator.State.AddSecurityGroup(GroupId, GroupName);
        emulator.State.AddElasticIp(EipId, EipAddress, description: "exoip test");
        emulator.State.AddElasticIp(OtherEipId, OtherEipAddress);
        emulator.State.AddInstance(NodeA, "node-a", NodeAAddress, securityGroupIds: new[] { GroupId });
        emulator.State.AddInstance(NodeB, "node-b", NodeBAddress, securityGroupIds: new[] { GroupId });
        return new ApiTestBed(emulator);
    }

    /// <summary>A client with short delays so retries cost milliseconds; <paramref name="configure"/> adjusts it.</summary>
    public ExoscaleClient Client(Action<ExoscaleClientOptions>? configure = null, string? secret = null)
    {
        var options = new ExoscaleClientOptions
        {
            Credentials = new ApiCredentials(Key, secret ?? Secret),
            Endpoint = Emulator.ApiEndpoint,
            RequestTimeout = TimeSpan.FromSeconds(5),
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            RetryMaxDelay = TimeSpan.FromMilliseconds(200),
            OperationPollInitial = TimeSpan.FromMilliseconds(20),
            OperationPollMax = TimeSpan.FromMilliseconds(100),
            OperationTimeout = TimeSpan.FromSeconds(20),
            Logger = Log,
        };
        configure?.Invoke(options);
        var client = new ExoscaleClient(options);
        _clients.Add(client);
        return client;
    }

    /// <summary>The requests the emulator saw with this method and a path matching the pattern.</summary>
    public IReadOnlyList<RequestRecord> Requests(string method, string pathPattern) =>
        Emulator.Requests.Where(r => r.Method == method && Regex.IsMatch(r.Path, pathPattern)).ToList();

    /// <summary>Fails when the secret shows in any log line or in the exception (message, ToString, inner ones).</summary>
    public void AssertSecretNowhere(Exception? error = null)
    {
        Assert.DoesNotContain(Log.Lines, line => line.Text.Contains(Secret));
        if (error is not null) Assert.DoesNotContain(Secret, error.ToString());
    }

    /// <summary>A loopback port nothing listens on (for "no answer" tests).</summary>
    public static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients) client.Dispose();
        await Emulator.DisposeAsync();
    }
}
