using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Emulator;
using ExoIp.Exoscale;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using static ExoIp.Tests.Exoscale.ApiTestBed;

namespace ExoIp.Tests.Exoscale;

/// <summary>Transient failures, timeouts and cancellation, injected by the emulator's fault rules.</summary>
public sealed class ExoscaleClientRetryTests : IAsyncLifetime
{
    private const string InstancePath = "^/v2/instance/";
    private ApiTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await ApiTestBed.StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task A_burst_of_server_errors_is_retried_until_it_passes()
    {
        _bed.Emulator.Faults.Add(new FaultRule { PathPattern = InstancePath, StatusCode = 503, Count = 2 });
        var client = _bed.Client();

        var instance = await client.GetInstanceAsync(NodeA);

        Assert.Equal(NodeA, instance.Id);
        Assert.Equal(2, client.Counters.Retries);
        Assert.Equal(3, client.Counters.Requests);
        Assert.Equal(2, client.Counters.Failures);
        Assert.Equal(new[] { 503, 503, 200 }, _bed.Requests("GET", InstancePath).Select(r => r.Status));
        var warnings = _bed.Log.At(LogLevel.Warning).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Matches($@"^GET /v2/instance/{NodeA}: answered 503 .*; retry 1 of 4 in \d+ ms$", warnings[0]);
        Assert.Matches($@"^GET /v2/instance/{NodeA}: answered 503 .*; retry 2 of 4 in \d+ ms$", warnings[1]);
        Assert.Contains("attempt 3", _bed.Log.At(LogLevel.Debug).Last());
    }

    [Fact]
    public async Task Persistent_server_errors_make_the_API_unavailable_after_the_last_retry()
    {
        _bed.Emulator.Faults.Add(new FaultRule { PathPattern = InstancePath, StatusCode = 503 });
        var client = _bed.Client(o => o.MaxRetries = 3);

        var error = await Assert.ThrowsAsync<ExoscaleUnavailableException>(() => client.GetInstanceAsync(NodeA));

        Assert.Equal(503, error.StatusCode);
        Assert.Contains($"GET /v2/instance/{NodeA} answered 503", error.Message);
        Assert.Contains("gave up after 4 attempts", error.Message);
        Assert.Equal(4, _bed.Requests("GET", InstancePath).Count);
        Assert.Equal(3, client.Counters.Retries);
        _bed.AssertSecretNowhere(error);
    }

    [Fact]
    public async Task Too_many_requests_waits_as_long_as_Retry_After_asks()
    {
        _bed.Emulator.Faults.Add(new FaultRule { PathPattern = InstancePath, StatusCode = 429, Count = 1, RetryAfterSeconds = 1 });
        var client = _bed.Client(o => o.RetryMaxDelay = TimeSpan.FromSeconds(5));

        await client.GetInstanceAsync(NodeA);

        var requests = _bed.Requests("GET", InstancePath);
        Assert.Equal(new[] { 429, 200 }, requests.Select(r => r.Status));
        // The backoff alone would have waited 10-20 ms; only Retry-After explains a gap of a second.
        // (A few ms of slack: the emulator stamps times at millisecond precision.)
        Assert.True(requests[1].Time - requests[0].Time >= TimeSpan.FromMilliseconds(990),
            $"the retry came {(requests[1].Time - requests[0].Time).TotalMilliseconds} ms after the 429");
        Assert.Contains(_bed.Log.At(LogLevel.Warning), w => w.EndsWith("in 1000 ms"));
    }

    [Fact]
    public async Task Retry_waits_run_on_the_options_clock()
    {
        _bed.Emulator.Faults.Add(new FaultRule { PathPattern = InstancePath, StatusCode = 503, Count = 1 });
        var backoff = TimeSpan.FromHours(1);
        var clock = new TimerWatchingClock(DateTimeOffset.UtcNow);
        var client = _bed.Client(o =>
        {
            o.TimeProvider = clock;
            o.RetryBaseDelay = o.RetryMaxDelay = backoff;
            // Each attempt's timeout is a timer of a day: the backoff is the only wait of an hour or less.
            o.RequestTimeout = TimeSpan.FromDays(1);
        });

        var getting = client.GetInstanceAsync(NodeA);
        // The clock moves only once the client has registered its backoff timer, however late its thread gets to it:
        // moving it earlier would leave a timer due an hour after the clock stopped.
        var wait = await clock.TimerAsync("the backoff wait", t => t.IsScheduled && t.DueTime <= backoff);
        Assert.InRange(wait.DueTime, backoff / 2, backoff); // equal jitter: half to all of the first retry's delay
        Assert.Equal(1, client.Counters.Requests); // the retry waits for the fake clock, not for real time
        clock.AdvanceTo(wait);

        Assert.Equal(NodeA, (await getting.WaitAsync(TimeSpan.FromSeconds(15))).Id);
        Assert.Equal(2, client.Counters.Requests);
        Assert.Equal(1, client.Counters.Retries);
    }

    [Fact]
    public async Task Signatures_expire_by_the_options_clock()
    {
        var client = _bed.Client(o => o.TimeProvider = new FakeTimeProvider(DateTimeOffset.UtcNow - TimeSpan.FromHours(1)));

        var error = await Assert.ThrowsAsync<ExoscaleAuthenticationException>(() => client.GetInstanceAsync(NodeA));

        Assert.Contains("expired", error.Message);
    }

    [Fact]
    public async Task Not_implemented_is_not_retried()
    {
        _bed.Emulator.Faults.Add(new FaultRule { PathPattern = InstancePath, StatusCode = 501 });
        var client = _bed.Client();

        var error = await Assert.ThrowsAsync<ExoscaleUnavailableException>(() => client.GetInstanceAsync(NodeA));

        Assert.Equal(501, error.StatusCode);
        Assert.Single(_bed.Requests("GET", InstancePath));
        Assert.Equal(0, client.Counters.Retries);
    }

    [Fact]
    public async Task A_bad_request_is_an_invalid_request_and_not_retried()
    {
        _bed.Emulator.Faults.Add(new FaultRule { PathPattern = "^/v2/elastic-ip$", StatusCode = 400 });
        var client = _bed.Client();

        var error = await Assert.ThrowsAsync<ExoscaleInvalidRequestException>(() => client.ListElasticIpsAsync());

        Assert.Equal(400, error.StatusCode);
        Assert.StartsWith("GET /v2/elastic-ip answered 400", error.Message);
        Assert.Single(_bed.Requests("GET", "^/v2/elastic-ip$"));
    }

    [Fact]
    public async Task A_request_that_hangs_times_out_after_its_retries()
    {
        _bed.Emulator.Faults.Add(new FaultRule { PathPattern = InstancePath, Hang = true });
        var client = _bed.Client(o =>
        {
            o.RequestTimeout = TimeSpan.FromMilliseconds(300);
            o.MaxRetries = 1;
        });

        var error = await Assert.ThrowsAsync<ExoscaleTimeoutException>(() => client.GetInstanceAsync(NodeA));

        Assert.Null(error.OperationId);
        Assert.Contains($"GET /v2/instance/{NodeA}: no answer from", error.Message);
        Assert.Contains("within 300 ms; gave up after 2 attempts", error.Message);
        Assert.Equal(2, client.Counters.Requests);
        Assert.Equal(1, client.Counters.Retries);
        Assert.Equal(2, client.Counters.Failures);
        Assert.Matches($@"^GET /v2/instance/{NodeA}: no answer within 300 ms; retry 1 of 1 in \d+ ms$", Assert.Single(_bed.Log.At(LogLevel.Warning)));
        _bed.AssertSecretNowhere(error);
    }

    [Fact]
    public async Task A_slow_answer_within_the_timeout_is_accepted()
    {
        _bed.Emulator.Faults.Add(new FaultRule { PathPattern = InstancePath, Latency = TimeSpan.FromMilliseconds(200) });
        var client = _bed.Client(o => o.RequestTimeout = TimeSpan.FromSeconds(5));

        Assert.Equal(NodeA, (await client.GetInstanceAsync(NodeA)).Id);
        Assert.Equal(0, client.Counters.Retries);
    }

    [Fact]
    public async Task No_server_at_all_is_unavailable_after_the_retries()
    {
        var options = new ExoscaleClientOptions
        {
            Credentials = new ApiCredentials(Key, Secret),
            Endpoint = new Uri($"http://127.0.0.1:{ClosedPort()}/v2"),
            MaxRetries = 2,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            Logger = _bed.Log,
        };
        using var client = new ExoscaleClient(options);

        var error = await Assert.ThrowsAsync<ExoscaleUnavailableException>(() => client.ListElasticIpsAsync());

        Assert.Null(error.StatusCode);
        Assert.Contains($"GET /v2/elastic-ip got no answer from {options.Endpoint.Authority}", error.Message);
        Assert.Contains("gave up after 3 attempts", error.Message);
        Assert.Equal(2, client.Counters.Retries);
        _bed.AssertSecretNowhere(error);
    }

    [Fact]
    public async Task The_callers_cancellation_is_a_cancellation_not_an_API_error()
    {
        _bed.Emulator.Faults.Add(new FaultRule { PathPattern = InstancePath, Hang = true });
        var client = _bed.Client(o => o.RequestTimeout = TimeSpan.FromSeconds(30));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetInstanceAsync(NodeA, cancellation.Token));

        Assert.Equal(0, client.Counters.Retries);
    }

    [Fact]
    public async Task Cancellation_during_a_retry_wait_is_a_cancellation()
    {
        _bed.Emulator.Faults.Add(new FaultRule { PathPattern = InstancePath, StatusCode = 503 });
        var client = _bed.Client(o =>
        {
            o.RetryBaseDelay = TimeSpan.FromSeconds(20);
            o.RetryMaxDelay = TimeSpan.FromSeconds(30);
        });
        using var cancellation = new CancellationTokenSource();

        var call = client.GetInstanceAsync(NodeA, cancellation.Token);
        // Cancel once the first attempt has failed, i.e. during the 20 s retry wait (not on a timer: a
        // loaded machine may take longer than any fixed delay to send the first request).
        await Eventually.HoldsAsync(() => _bed.Requests("GET", InstancePath).Count > 0, TimeSpan.FromSeconds(20), "the first attempt is sent");
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(_bed.Requests("GET", InstancePath));
    }
}
