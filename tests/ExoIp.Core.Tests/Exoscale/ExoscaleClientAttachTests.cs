using System;
using System.Linq;
using System.Threading.Tasks;
using ExoIp.Emulator;
using ExoIp.Exoscale;
using Microsoft.Extensions.Logging;
using static ExoIp.Tests.Exoscale.ApiTestBed;

namespace ExoIp.Tests.Exoscale;

/// <summary>Attach and detach: check first, act only when needed, wait for the operation, never act twice.</summary>
public sealed class ExoscaleClientAttachTests : IAsyncLifetime
{
    private const string AttachPath = "^/v2/elastic-ip/.*:attach$";
    private const string DetachPath = "^/v2/elastic-ip/.*:detach$";
    private ApiTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await ApiTestBed.StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task Attach_then_detach_moves_the_holders()
    {
        var client = _bed.Client();

        Assert.True(await client.AttachElasticIpAsync(EipId, NodeA));
        Assert.Equal(new[] { NodeA }, _bed.Emulator.HoldersOf(EipId));

        Assert.True(await client.AttachElasticIpAsync(EipId, NodeB));
        Assert.Equal(new[] { NodeA, NodeB }.OrderBy(id => id), _bed.Emulator.HoldersOf(EipId).OrderBy(id => id));

        Assert.True(await client.DetachElasticIpAsync(EipId, NodeA));
        Assert.Equal(new[] { NodeB }, _bed.Emulator.HoldersOf(EipId));
        Assert.Empty(_bed.Emulator.HoldersOf(OtherEipId));

        var info = _bed.Log.At(LogLevel.Information).ToList();
        Assert.Contains($"Starting attach of Elastic IP {EipId} to instance {NodeA}", info);
        Assert.Contains(info, l => l.StartsWith($"Done: detach of Elastic IP {EipId} from instance {NodeA} (operation "));
        _bed.AssertSecretNowhere();
    }

    [Fact]
    public async Task Attaching_what_is_attached_changes_nothing_and_sends_no_PUT()
    {
        var client = _bed.Client();
        await client.AttachElasticIpAsync(EipId, NodeA);

        Assert.False(await client.AttachElasticIpAsync(EipId, NodeA));

        Assert.Single(_bed.Requests("PUT", AttachPath));
        Assert.Single(_bed.Emulator.History(EipId));
    }

    [Fact]
    public async Task A_change_abandoned_before_its_PUT_sends_none_and_one_in_place_is_no_change()
    {
        var client = _bed.Client();
        using var abandoned = new System.Threading.CancellationTokenSource();
        abandoned.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.AttachElasticIpAsync(EipId, NodeA, abandonBeforeChange: abandoned.Token));
        Assert.Empty(_bed.Requests("PUT", AttachPath));
        Assert.Empty(_bed.Emulator.HoldersOf(EipId));

        // Nothing to change: the answer is the check's, whatever became of the belief.
        Assert.True(await client.AttachElasticIpAsync(EipId, NodeA));
        Assert.False(await client.AttachElasticIpAsync(EipId, NodeA, abandonBeforeChange: abandoned.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.DetachElasticIpAsync(EipId, NodeA, abandonBeforeChange: abandoned.Token));
        Assert.Empty(_bed.Requests("PUT", DetachPath));
        Assert.Equal(new[] { NodeA }, _bed.Emulator.HoldersOf(EipId));
    }

    [Fact]
    public async Task Detaching_what_is_not_attached_changes_nothing_and_sends_no_PUT()
    {
        var client = _bed.Client();

        Assert.False(await client.DetachElasticIpAsync(EipId, NodeA));

        Assert.Empty(_bed.Requests("PUT", DetachPath));
        Assert.Empty(_bed.Emulator.History(EipId));
    }

    [Fact]
    public async Task A_refusal_that_leaves_the_state_unchanged_is_an_invalid_request()
    {
        _bed.Emulator.Faults.Add(new FaultRule { PathPattern = AttachPath, Method = "PUT", StatusCode = 400, Count = 1 });
        var client = _bed.Client();

        var error = await Assert.ThrowsAsync<ExoscaleInvalidRequestException>(() => client.AttachElasticIpAsync(EipId, NodeA));

        Assert.Equal(400, error.StatusCode);
        Assert.StartsWith($"PUT /v2/elastic-ip/{EipId}:attach answered 400", error.Message);
        Assert.Single(_bed.Requests("PUT", AttachPath));
        Assert.Empty(_bed.Emulator.HoldersOf(EipId));
    }

    [Fact]
    public async Task A_server_error_on_the_PUT_retries_the_whole_check_then_act_and_acts_once()
    {
        _bed.Emulator.Faults.Add(new FaultRule { PathPattern = AttachPath, Method = "PUT", StatusCode = 503, Count = 1 });
        var client = _bed.Client();

        Assert.True(await client.AttachElasticIpAsync(EipId, NodeA));

        Assert.Equal(new[] { 503, 200 }, _bed.Requests("PUT", AttachPath).Select(r => r.Status));
        // Each attempt checked the instance before acting.
        Assert.True(_bed.Requests("GET", $"^/v2/instance/{NodeA}$").Count >= 2);
        Assert.Single(_bed.Emulator.History(EipId), c => c.Action == "attach");
        Assert.Equal(new[] { NodeA }, _bed.Emulator.HoldersOf(EipId));
        Assert.Equal(1, client.Counters.Retries);
        Assert.Contains(_bed.Log.At(LogLevel.Warning), w => w.StartsWith($"attach of Elastic IP {EipId} to instance {NodeA}: PUT /v2/elastic-ip/{EipId}:attach answered 503"));
    }

    [Fact]
    public async Task A_PUT_without_an_answer_in_time_is_retried_as_a_whole_and_acts_once()
    {
        // The emulator drops the slow PUT unserved when the client gives up, as a dead server would.
        _bed.Emulator.Faults.Add(new FaultRule { PathPattern = AttachPath, Method = "PUT", Count = 1, Latency = TimeSpan.FromSeconds(5) });
        var client = _bed.Client(o => o.RequestTimeout = TimeSpan.FromSeconds(1));

        Assert.True(await client.AttachElasticIpAsync(EipId, NodeA));

        Assert.Equal(new[] { NodeA }, _bed.Emulator.HoldersOf(EipId));
        Assert.Single(_bed.Emulator.History(EipId));
        // At least the one retry the dropped PUT needs; a loaded machine may time out a further attempt.
        Assert.True(client.Counters.Retries >= 1, $"{client.Counters.Retries} retries");
        _bed.AssertSecretNowhere();
    }

    [Fact]
    public async Task A_PUT_that_keeps_failing_makes_the_API_unavailable()
    {
        _bed.Emulator.Faults.Add(new FaultRule { PathPattern = DetachPath, Method = "PUT", StatusCode = 502 });
        var client = _bed.Client(o => o.MaxRetries = 2);
        await client.AttachElasticIpAsync(EipId, NodeA);

        var error = await Assert.ThrowsAsync<ExoscaleUnavailableException>(() => client.DetachElasticIpAsync(EipId, NodeA));

        Assert.Equal(502, error.StatusCode);
        Assert.Contains($"PUT /v2/elastic-ip/{EipId}:detach answered 502", error.Message);
        Assert.Equal(3, _bed.Requests("PUT", DetachPath).Count);
        Assert.Equal(new[] { NodeA }, _bed.Emulator.HoldersOf(EipId));
    }

    [Fact]
    public async Task Waits_for_a_slow_operation_polling_it()
    {
        _bed.Emulator.OperationDelay = TimeSpan.FromMilliseconds(300);
        var client = _bed.Client();

        Assert.True(await client.AttachElasticIpAsync(EipId, NodeA));

        // Done means done: the change has applied when the call returns.
        Assert.Equal(new[] { NodeA }, _bed.Emulator.HoldersOf(EipId));
        Assert.True(client.Counters.OperationsPolled >= 2, $"polled {client.Counters.OperationsPolled} times");
        Assert.Equal(client.Counters.OperationsPolled, _bed.Requests("GET", "^/v2/operation/").Count);
    }

    [Fact]
    public async Task An_operation_that_stays_pending_too_long_is_a_timeout_naming_it()
    {
        _bed.Emulator.OperationDelay = TimeSpan.FromSeconds(30);
        var client = _bed.Client(o => o.OperationTimeout = TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<ExoscaleTimeoutException>(() => client.AttachElasticIpAsync(EipId, NodeA));

        Assert.False(string.IsNullOrEmpty(error.OperationId));
        Assert.Contains($"Operation {error.OperationId}", error.Message);
        Assert.Contains("still pending after 300 ms", error.Message);
        Assert.Equal("pending", (await client.GetOperationAsync(error.OperationId!)).State);
        // A timed-out wait is not retried: retrying would only send a second PUT.
        Assert.Single(_bed.Requests("PUT", AttachPath));
    }

    [Fact]
    public async Task An_operation_that_fails_is_reported_with_its_state_and_reason()
    {
        _bed.Emulator.OperationDelay = TimeSpan.FromSeconds(1);
        var client = _bed.Client();
        var attaching = client.AttachElasticIpAsync(EipId, NodeA);
        await WaitUntil(() => _bed.Requests("PUT", AttachPath).Count == 1, "one attach request");
        // The instance goes away while the attach is pending: the emulator fails the operation "not-found".
        _bed.Emulator.State.RemoveInstance(NodeA);

        var error = await Assert.ThrowsAsync<ExoscaleOperationFailedException>(() => attaching);

        Assert.Equal("failure", error.State);
        Assert.Equal("not-found", error.Reason);
        Assert.StartsWith($"Operation {error.OperationId} (", error.Message);
        Assert.Contains("ended in state failure, reason not-found", error.Message);
        Assert.Single(_bed.Requests("PUT", AttachPath));
    }

    [Fact]
    public async Task A_404_on_detach_from_an_instance_destroyed_meanwhile_counts_as_done()
    {
        await _bed.Client().AttachElasticIpAsync(EipId, NodeA);
        // The check sees NodeA holding the address; its PUT is held while NodeA is destroyed, then answers 404.
        var hold = _bed.Emulator.Faults.Add(new FaultRule { PathPattern = DetachPath, Method = "PUT", Hang = true, Count = 1 });
        var checks = _bed.Requests("GET", "^/v2/instance/" + NodeA).Count;
        var detaching = _bed.Client().DetachElasticIpAsync(EipId, NodeA);
        // Once the check is answered the PUT follows; destroyed before or while it is held, it answers 404 either way.
        await WaitUntil(() => _bed.Requests("GET", "^/v2/instance/" + NodeA).Count > checks, "the check before the detach");
        _bed.Emulator.State.RemoveInstance(NodeA);
        _bed.Emulator.Faults.Remove(hold);

        await detaching;

        Assert.Equal(new[] { 404 }, _bed.Requests("PUT", DetachPath).Select(r => r.Status));
        Assert.Empty(_bed.Emulator.HoldersOf(EipId));
        Assert.False(await _bed.Client().DetachElasticIpAsync(EipId, NodeA));
    }

    [Fact]
    public async Task A_404_on_detach_while_the_instance_still_holds_the_address_is_not_found()
    {
        await _bed.Client().AttachElasticIpAsync(EipId, NodeA);
        _bed.Emulator.Faults.Add(new FaultRule { PathPattern = DetachPath, Method = "PUT", StatusCode = 404, Count = 1 });

        var error = await Assert.ThrowsAsync<ExoscaleNotFoundException>(() => _bed.Client().DetachElasticIpAsync(EipId, NodeA));

        Assert.Equal("elastic-ip", error.ResourceKind);
        Assert.Equal(new[] { NodeA }, _bed.Emulator.HoldersOf(EipId));
    }

    [Fact]
    public async Task A_few_failed_polls_of_a_pending_operation_are_tolerated()
    {
        _bed.Emulator.OperationDelay = TimeSpan.FromMilliseconds(500);
        var tolerated = ExoscaleClient.MaxConsecutivePollErrors - 1;
        _bed.Emulator.Faults.Add(new FaultRule { PathPattern = "^/v2/operation/", StatusCode = 400, Count = tolerated });

        Assert.True(await _bed.Client().AttachElasticIpAsync(EipId, NodeA));

        Assert.Equal(new[] { NodeA }, _bed.Emulator.HoldersOf(EipId));
        Assert.Equal(tolerated, _bed.Log.At(LogLevel.Warning).Count(l => l.StartsWith("Polling operation ")));
    }

    [Fact]
    public async Task A_run_of_failed_polls_fails_the_action()
    {
        _bed.Emulator.OperationDelay = TimeSpan.FromSeconds(5);
        _bed.Emulator.Faults.Add(new FaultRule { PathPattern = "^/v2/operation/", StatusCode = 400 });

        var error = await Assert.ThrowsAsync<ExoscaleInvalidRequestException>(() => _bed.Client().AttachElasticIpAsync(EipId, NodeA));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal(ExoscaleClient.MaxConsecutivePollErrors, _bed.Requests("GET", "^/v2/operation/").Count);
    }

    [Fact]
    public async Task An_operation_gone_after_it_applied_is_done_after_one_poll()
    {
        // The operation applies at once but the PUT answers it pending; polling it answers 404, as for an
        // operation the API no longer keeps: the instance's state says it is done.
        _bed.Emulator.Faults.Add(new FaultRule { PathPattern = "^/v2/operation/", StatusCode = 404 });

        Assert.True(await _bed.Client().AttachElasticIpAsync(EipId, NodeA));

        Assert.Equal(new[] { NodeA }, _bed.Emulator.HoldersOf(EipId));
        Assert.Single(_bed.Requests("GET", "^/v2/operation/"));
        Assert.Contains(_bed.Log.At(LogLevel.Information), l => l.Contains("but the instance shows the change in place"));
    }

    [Fact]
    public async Task An_operation_gone_before_the_change_shows_fails_after_one_poll()
    {
        _bed.Emulator.OperationDelay = TimeSpan.FromSeconds(30);
        _bed.Emulator.Faults.Add(new FaultRule { PathPattern = "^/v2/operation/", StatusCode = 404 });

        var error = await Assert.ThrowsAsync<ExoscaleOperationFailedException>(() => _bed.Client().AttachElasticIpAsync(EipId, NodeA));

        Assert.Equal("gone", error.State);
        Assert.Contains($"(attach of Elastic IP {EipId} to instance {NodeA}) is gone (404)", error.Message);
        Assert.Single(_bed.Requests("GET", "^/v2/operation/"));
        Assert.Single(_bed.Requests("PUT", AttachPath));
    }

    [Fact]
    public async Task An_operation_that_times_out_after_applying_counts_as_done()
    {
        _bed.Emulator.State.OperationEnding = OperationEnding.TimeoutApplied;

        Assert.True(await _bed.Client().AttachElasticIpAsync(EipId, NodeA));

        Assert.Equal(new[] { NodeA }, _bed.Emulator.HoldersOf(EipId));
        Assert.Single(_bed.Requests("PUT", AttachPath));
    }

    [Fact]
    public async Task An_operation_that_times_out_without_applying_is_reported_with_its_state()
    {
        _bed.Emulator.State.OperationEnding = OperationEnding.TimeoutNotApplied;

        var error = await Assert.ThrowsAsync<ExoscaleOperationFailedException>(() => _bed.Client().AttachElasticIpAsync(EipId, NodeA));

        Assert.Equal("timeout", error.State);
        Assert.Contains($"(attach of Elastic IP {EipId} to instance {NodeA}) ended in state timeout", error.Message);
        Assert.Empty(_bed.Emulator.HoldersOf(EipId));
        Assert.Single(_bed.Requests("PUT", AttachPath));
    }

    [Theory]
    [InlineData(RepeatedChangeAnswer.BadRequest, 400)]
    [InlineData(RepeatedChangeAnswer.NotFound, 404)]
    [InlineData(RepeatedChangeAnswer.Conflict, 409)]
    [InlineData(RepeatedChangeAnswer.OperationConflict, 200)]
    [InlineData(RepeatedChangeAnswer.OperationIncorrect, 200)]
    public async Task Every_assumed_answer_to_a_repeated_attach_is_settled_by_the_state(RepeatedChangeAnswer answer, int status)
    {
        // The first PUT to arrive is held, so both clients' checks see the Elastic IP free; the other PUT attaches it;
        // then the held PUT goes through, the API refuses it (each answer it might give) and its client re-checks:
        // done by someone else.
        _bed.Emulator.State.RepeatedChangeAnswer = answer;
        var hold = _bed.Emulator.Faults.Add(new FaultRule { PathPattern = AttachPath, Method = "PUT", Hang = true, Count = 1 });
        var attaching = new[] { _bed.Client().AttachElasticIpAsync(EipId, NodeA), _bed.Client().AttachElasticIpAsync(EipId, NodeA) };
        await WaitUntil(() => _bed.Emulator.HoldersOf(EipId).Contains(NodeA), "node A holds the Elastic IP");
        _bed.Emulator.Faults.Remove(hold);

        var changed = await Task.WhenAll(attaching);

        Assert.Equal(new[] { false, true }, changed.OrderBy(c => c));
        Assert.Equal(new[] { 200, status }.OrderBy(s => s), _bed.Requests("PUT", AttachPath).Select(r => r.Status).OrderBy(s => s));
        Assert.Single(_bed.Emulator.History(EipId));
        Assert.Equal(new[] { NodeA }, _bed.Emulator.HoldersOf(EipId));
    }

    [Theory]
    [InlineData(RepeatedChangeAnswer.Conflict, 409)]
    [InlineData(RepeatedChangeAnswer.OperationConflict, 200)]
    public async Task Every_assumed_answer_to_a_repeated_detach_is_settled_by_the_state(RepeatedChangeAnswer answer, int status)
    {
        await _bed.Client().AttachElasticIpAsync(EipId, NodeA);
        _bed.Emulator.State.RepeatedChangeAnswer = answer;
        var hold = _bed.Emulator.Faults.Add(new FaultRule { PathPattern = DetachPath, Method = "PUT", Hang = true, Count = 1 });
        var detaching = new[] { _bed.Client().DetachElasticIpAsync(EipId, NodeA), _bed.Client().DetachElasticIpAsync(EipId, NodeA) };
        await WaitUntil(() => _bed.Emulator.HoldersOf(EipId).Count == 0, "node A no longer holds the Elastic IP");
        _bed.Emulator.Faults.Remove(hold);

        var changed = await Task.WhenAll(detaching);

        Assert.Equal(new[] { false, true }, changed.OrderBy(c => c));
        Assert.Equal(new[] { 200, status }.OrderBy(s => s), _bed.Requests("PUT", DetachPath).Select(r => r.Status).OrderBy(s => s));
    }

    [Fact]
    public async Task A_409_while_the_state_is_unchanged_is_reported()
    {
        _bed.Emulator.Faults.Add(new FaultRule { PathPattern = AttachPath, Method = "PUT", StatusCode = 409, Count = 1 });

        var error = await Assert.ThrowsAsync<ExoscaleInvalidRequestException>(() => _bed.Client().AttachElasticIpAsync(EipId, NodeA));

        Assert.Equal(409, error.StatusCode);
        Assert.Empty(_bed.Emulator.HoldersOf(EipId));
    }

    [Fact]
    public async Task Attaching_to_an_unknown_instance_is_not_found_without_a_PUT()
    {
        var error = await Assert.ThrowsAsync<ExoscaleNotFoundException>(() => _bed.Client().AttachElasticIpAsync(EipId, UnknownId));

        Assert.Equal("instance", error.ResourceKind);
        Assert.Equal(UnknownId, error.Resource);
        Assert.Empty(_bed.Requests("PUT", AttachPath));
    }

    [Fact]
    public async Task Attaching_an_unknown_Elastic_IP_is_not_found()
    {
        var error = await Assert.ThrowsAsync<ExoscaleNotFoundException>(() => _bed.Client().AttachElasticIpAsync(UnknownId, NodeA));

        Assert.Equal("elastic-ip", error.ResourceKind);
        Assert.Equal(UnknownId, error.Resource);
        Assert.Contains($"No Elastic IP {UnknownId}", error.Message);
    }

    private Task WaitUntil(Func<bool> condition, string what) =>
        Eventually.HoldsAsync(condition, TimeSpan.FromSeconds(15), what,
            () => $"holders [{string.Join(", ", _bed.Emulator.HoldersOf(EipId))}], {_bed.Requests("PUT", AttachPath).Count} attach request(s)");
}
