using System.Threading;

namespace ExoIp.Exoscale;

/// <summary>How often an <see cref="ExoscaleClient"/> did what; safe to read from any thread.</summary>
public sealed class ExoscaleClientCounters
{
    private long _requests;
    private long _failures;
    private long _retries;
    private long _operationsPolled;

    /// <summary>HTTP attempts sent (each retry counts).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>HTTP attempts that got no 2xx answer: an error status, no answer, or no answer in time.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Retries made after transient failures, of requests and of attach/detach actions.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Polls of an operation's state.</summary>
    public long OperationsPolled => Interlocked.Read(ref _operationsPolled);

    internal void CountRequest() => Interlocked.Increment(ref _requests);

    internal void CountFailure() => Interlocked.Increment(ref _failures);

    internal void CountRetry() => Interlocked.Increment(ref _retries);

    internal void CountOperationPoll() => Interlocked.Increment(ref _operationsPolled);

    /// <inheritdoc />
    public override string ToString() =>
        $"Requests={Requests}, Failures={Failures}, Retries={Retries}, OperationsPolled={OperationsPolled}";
}
