using System.Threading;

namespace ExoIp.Health;

/// <summary>How often each check outcome happened, over every check. Thread-safe; values only grow.</summary>
public sealed class HealthCounters
{
    private long _passed;
    private long _failed;
    private long _timedOut;
    private long _transitions;

    /// <summary>Check runs that passed.</summary>
    public long Passed => Volatile.Read(ref _passed);

    /// <summary>Check runs that failed.</summary>
    public long Failed => Volatile.Read(ref _failed);

    /// <summary>Check runs that did not answer within the timeout.</summary>
    public long TimedOut => Volatile.Read(ref _timedOut);

    /// <summary>Changes of the verdict.</summary>
    public long Transitions => Volatile.Read(ref _transitions);

    internal void Count(HealthCheckOutcome outcome)
    {
        switch (outcome)
        {
            case HealthCheckOutcome.Passed: Interlocked.Increment(ref _passed); break;
            case HealthCheckOutcome.Failed: Interlocked.Increment(ref _failed); break;
            default: Interlocked.Increment(ref _timedOut); break;
        }
    }

    internal void Transition() => Interlocked.Increment(ref _transitions);
}
