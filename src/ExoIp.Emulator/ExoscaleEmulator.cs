using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Emulator.Api;
using ExoIp.Emulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ExoIp.Emulator;

/// <summary>
/// A local Exoscale API v2 emulator on real HTTP: the signed API under <c>/v2</c>, instance metadata, and an
/// unsigned control API under <c>/_emulator</c>. Start one per test (or per test class) and dispose it.
/// </summary>
public sealed class ExoscaleEmulator : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping;
    private readonly RequestLog _requests;
    private int _disposed;

    private ExoscaleEmulator(
        WebApplication app, Uri baseAddress, EmulatorState state, FaultInjector faults, RequestLog requests, CancellationTokenSource stopping)
    {
        _app = app;
        BaseAddress = baseAddress;
        State = state;
        Faults = faults;
        _requests = requests;
        _stopping = stopping;
    }

    /// <summary>Where the emulator listens, e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The API endpoint a client uses, e.g. <c>http://127.0.0.1:54321/v2</c>.</summary>
    public Uri ApiEndpoint => new(BaseAddress, "v2");

    /// <summary>Resources, credentials and operations: seed and inspect them here.</summary>
    public EmulatorState State { get; }

    /// <summary>Fault rules for the API and metadata paths.</summary>
    public FaultInjector Faults { get; }

    /// <summary>How long attach and detach operations stay pending before they apply.</summary>
    public TimeSpan OperationDelay
    {
        get => State.OperationDelay;
        set => State.OperationDelay = value;
    }

    /// <summary>Every API and metadata request answered so far (the most recent 100,000).</summary>
    public IReadOnlyList<RequestRecord> Requests => _requests.Since(null);

    /// <summary>Signalled when the standalone program is asked to stop (Ctrl+C, SIGTERM).</summary>
    internal CancellationToken ShutdownRequested => _app.Lifetime.ApplicationStopping;

    /// <summary>Starts an emulator; it listens once the task completes.</summary>
    /// <exception cref="ArgumentException">The address is not an IP address, or the seed is inconsistent.</exception>
    public static Task<ExoscaleEmulator> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default) =>
        StartAsync(options ?? new EmulatorOptions(), configureHost: null, cancellationToken);

    /// <summary>Starts an emulator; <paramref name="configureHost"/> sets up logging and lifetime for the standalone program.</summary>
    internal static async Task<ExoscaleEmulator> StartAsync(
        EmulatorOptions options, Action<WebApplicationBuilder>? configureHost, CancellationToken cancellationToken)
    {
        if (!IPAddress.TryParse(options.Address, out var address))
            throw new ArgumentException($"'{options.Address}' is not an IP address.", nameof(options));
        if (options.Port is < 0 or > IPEndPoint.MaxPort)
            throw new ArgumentException($"{options.Port} is not a TCP port.", nameof(options));

        var time = TimeProvider.System;
        var state = new EmulatorState(options.Zone, options.OperationDelay, time);
        if (options.Seed is not null) state.Load(options.Seed);
        var faults = new FaultInjector();
        var requests = new RequestLog();
        var stopping = new CancellationTokenSource();

        // The empty builder reads no configuration files or environment: an embedded emulator behaves the same everywhere.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(ExoscaleEmulator).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(address, options.Port));
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging();
        builder.Services.ConfigureHttpJsonOptions(json => EmulatorJson.Configure(json.SerializerOptions));
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
        if (configureHost is null) builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        else configureHost(builder);

        var app = builder.Build();
        EmulatorPipeline.Configure(app, state, faults, requests, time, stopping.Token);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            stopping.Dispose();
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new ExoscaleEmulator(app, new Uri(bound.TrimEnd('/') + "/"), state, faults, requests, stopping);
    }

    /// <summary>
    /// The metadata base URL: <c>.../latest/meta-data/</c> describes the default metadata instance,
    /// <c>.../metadata/{instanceId}/latest/meta-data/</c> the given one.
    /// </summary>
    public Uri MetadataEndpoint(string? instanceId = null) =>
        new(BaseAddress, instanceId is null ? "latest/meta-data/" : $"metadata/{Uri.EscapeDataString(instanceId)}/latest/meta-data/");

    /// <summary>The ids of the instances holding the Elastic IP now.</summary>
    /// <exception cref="KeyNotFoundException">No Elastic IP has that id or address.</exception>
    public IReadOnlyList<string> HoldersOf(string elasticIpIdOrAddress) => State.HoldersOf(elasticIpIdOrAddress);

    /// <summary>Attaches and detaches as they applied, oldest first; of one Elastic IP, or of all when null.</summary>
    /// <exception cref="KeyNotFoundException">No Elastic IP has that id or address.</exception>
    public IReadOnlyList<HolderChange> History(string? elasticIpIdOrAddress = null) => State.History(elasticIpIdOrAddress);

    /// <summary>Holder statistics of one Elastic IP between <paramref name="from"/> and <paramref name="to"/> (default: all history, up to now).</summary>
    /// <exception cref="KeyNotFoundException">No Elastic IP has that id or address.</exception>
    public HolderStats Stats(string elasticIpIdOrAddress, DateTimeOffset? from = null, DateTimeOffset? to = null) =>
        State.Stats(elasticIpIdOrAddress, from, to);

    /// <summary>Stops listening; hanging requests are cut off.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stopping.CancelAsync();
        using (var timeout = new CancellationTokenSource(ShutdownTimeout)) await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
