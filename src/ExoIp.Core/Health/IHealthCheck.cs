using System.Threading;
using System.Threading.Tasks;

namespace ExoIp.Health;

/// <summary>
/// One check of the service behind the Elastic IP. A <see cref="HealthMonitor"/> runs it every interval with a
/// token cancelled at the check's timeout; a check honours it (a run that does not is abandoned, counted as
/// timed out, and not started again until it ends). Exceptions count as failures, their message the reason.
/// </summary>
public interface IHealthCheck
{
    /// <summary>What is checked, as the user wrote it (<c>tcp://127.0.0.1:80</c>); prefixes every failure's reason.</summary>
    string Description { get; }

    /// <summary>Checks once.</summary>
    /// <param name="cancellationToken">Cancelled at the timeout, or when the monitor stops.</param>
    Task<HealthCheckResult> CheckAsync(CancellationToken cancellationToken);
}
