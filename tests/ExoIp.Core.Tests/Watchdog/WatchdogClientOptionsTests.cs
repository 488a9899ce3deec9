using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Emulator;
using ExoIp.Exoscale;
using ExoIp.Tests.Exoscale;
using ExoIp.Watchdog;
using Microsoft.Extensions.Logging.Abstractions;
using static ExoIp.Tests.Exoscale.ApiTestBed;

namespace ExoIp.Tests.Watchdog;

public sealed class WatchdogClientOptionsTests : IAsyncLifetime
{
    // Short enough to keep the tests quick; long enough (requests time out after 1.8 s) that a loaded machine
    // does not decide the outcome.
    private static readonly WatchdogOptions Watchdog = new()
    {
        ElasticIp = IPAddress.Parse(EipAddress),
        InstanceId = Guid.Parse(NodeA),
        Peers = new[] { IPAddress.Parse(NodeBAddress) },
        ApiTimeout = TimeSpan.FromSeconds(6),
    };

    private ApiTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await ApiTestBed.StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public void The_default_api_timeout_gives_one_quick_retry_and_timeouts_that_fit_a_slow_api()
    {
        var credentials = new ApiCredentials(Key, Secret);
        var endpoint = new Uri("https://api-ch-gva-2.exoscale.com/v2");
        var client = new ExoscaleClientOptions { Credentials = credentials, Endpoint = endpoint, Logger = NullLogger.Instance };

        Assert.Same(client, client.ConfigureFor(Watchdog with { ApiTimeout = TimeSpan.FromSeconds(30) }));

        Assert.Equal(1, client.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(9), client.RequestTimeout);
        Assert.Equal(TimeSpan.FromSeconds(0.9), client.RetryMaxDelay);
        Assert.Equal(TimeSpan.FromSeconds(0.9), client.RetryBaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(18), client.OperationTimeout);
        Assert.Same(credentials, client.Credentials);
        Assert.Same(endpoint, client.Endpoint);
        Assert.Same(NullLogger.Instance, client.Logger);
        client.Validate();
    }

    [Fact]
    public void Settings_already_shorter_are_kept_and_a_long_api_timeout_keeps_the_client_defaults()
    {
        var defaults = new ExoscaleClientOptions();
        var client = new ExoscaleClientOptions { MaxRetries = 0, RequestTimeout = TimeSpan.FromMilliseconds(300) }
            .ConfigureFor(Watchdog with { ApiTimeout = TimeSpan.FromHours(1) });

        Assert.Equal(0, client.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(300), client.RequestTimeout);
        Assert.Equal(defaults.RetryMaxDelay, client.RetryMaxDelay);
        Assert.Equal(defaults.RetryBaseDelay, client.RetryBaseDelay);
        Assert.Equal(defaults.OperationTimeout, client.OperationTimeout);
    }

    [Fact]
    public void A_tiny_api_timeout_still_gives_valid_client_options()
    {
        var client = new ExoscaleClientOptions { Credentials = new ApiCredentials(Key, Secret), Endpoint = _bed.Emulator.ApiEndpoint }
            .ConfigureFor(Watchdog with { ApiTimeout = TimeSpan.FromTicks(1) });

        client.Validate();
        Assert.Equal(TimeSpan.FromMilliseconds(10), client.RequestTimeout);
    }

    [Fact]
    public async Task Hanging_requests_are_retried_once_and_given_up_before_the_api_timeout()
    {
        _bed.Emulator.Faults.Add(new FaultRule { PathPattern = "^/v2/instance/", Hang = true });
        using var client = new ExoscaleClient(ClientOptions().ConfigureFor(Watchdog));

        var error = await AttachAsTheWatchdogDoesAsync(client);

        Assert.IsType<ExoscaleTimeoutException>(error);
        Assert.Equal(1, client.Counters.Retries);
        Assert.Empty(_bed.Emulator.HoldersOf(EipId));
    }

    [Fact]
    public async Task A_failing_attach_is_retried_once_and_given_up_before_the_api_timeout()
    {
        _bed.Emulator.Faults.Add(new FaultRule { PathPattern = "^/v2/elastic-ip/.*:attach$", Method = "PUT", StatusCode = 503 });
        using var client = new ExoscaleClient(ClientOptions().ConfigureFor(Watchdog));

        var error = await AttachAsTheWatchdogDoesAsync(client);

        Assert.IsType<ExoscaleUnavailableException>(error);
        Assert.Equal(1, client.Counters.Retries);
        Assert.Empty(_bed.Emulator.HoldersOf(EipId));
    }

    [Fact]
    public async Task A_pending_operation_is_given_up_before_the_api_timeout()
    {
        _bed.Emulator.OperationDelay = TimeSpan.FromHours(1);
        using var client = new ExoscaleClient(ClientOptions().ConfigureFor(Watchdog));

        var error = await AttachAsTheWatchdogDoesAsync(client);

        Assert.Contains("still pending", Assert.IsType<ExoscaleTimeoutException>(error).Message);
    }

    [Fact]
    public async Task With_the_clients_defaults_the_api_timeout_cuts_a_pending_operation_short()
    {
        // Why ConfigureFor exists: the client's default 2 min wait for an operation outlasts the API timeout, and
        // the watchdog would report "no answer" instead of what happened.
        _bed.Emulator.OperationDelay = TimeSpan.FromHours(1);
        using var client = new ExoscaleClient(ClientOptions());

        var error = await AttachAsTheWatchdogDoesAsync(client);

        Assert.IsAssignableFrom<OperationCanceledException>(error);
    }

    // The watchdog cancels a call once the API timeout has passed.
    private static async Task<Exception?> AttachAsTheWatchdogDoesAsync(ExoscaleClient client)
    {
        using var apiTimeout = new CancellationTokenSource(Watchdog.ApiTimeout);
        return await Record.ExceptionAsync(() => client.AttachElasticIpAsync(EipId, NodeA, apiTimeout.Token));
    }

    private ExoscaleClientOptions ClientOptions() => new()
    {
        Credentials = new ApiCredentials(Key, Secret),
        Endpoint = _bed.Emulator.ApiEndpoint,
        Logger = _bed.Log,
    };
}
