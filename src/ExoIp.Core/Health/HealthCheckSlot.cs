using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Threading;

namespace ExoIp.Health;

/// <summary>
/// One check inside a <see cref="HealthMonitor"/>: runs it bounded by the timeout and remembers a run that
/// outlived it, so that a check ignoring its cancellation is never run twice at once.
/// </summary>
internal sealed class HealthCheckSlot
{
    private Task<HealthCheckResult>? _running;

    public HealthCheckSlot(IHealthCheck check) => Check = check;

    public IHealthCheck Check { get; }

    /// <summary>Runs the check once; at the timeout it is cancelled and the answer is TimedOut, whether or not it has ended.</summary>
    public async Task<HealthCheckResult> RunAsync(TimeSpan timeout, TimeProvider time, CancellationToken stop)
    {
        if (_running is { IsCompleted: false })
            return Result(HealthCheckOutcome.TimedOut, $"still running since an earlier round, past its {Seconds(timeout)} timeout");

        using var deadline = time.CreateCancellationTokenSource(timeout);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, stop);
        var run = _running = RunGuardedAsync(cancel.Token);
        if (await run.EndsBeforeAsync(cancel.Token).ConfigureAwait(false)) return Prefix(run.Result);
        return Result(HealthCheckOutcome.TimedOut, $"no answer within {Seconds(timeout)}");
    }

    private async Task<HealthCheckResult> RunGuardedAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Task.Run: a check that blocks before its first await must not block the round.
            return await Task.Run(() => Check.CheckAsync(cancellationToken), CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(HealthCheckOutcome.TimedOut, "cancelled");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Fail(e.Message);
        }
    }

    private HealthCheckResult Prefix(HealthCheckResult result) =>
        result.Passed ? result : Result(result.Outcome, result.Reason ?? "failed");

    private HealthCheckResult Result(HealthCheckOutcome outcome, string reason) => new(outcome, $"{Check.Description}: {reason}");

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
