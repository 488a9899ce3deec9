using System;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Processes;

namespace ExoIp.Health;

/// <summary>An executable with arguments, run without a shell: healthy when it exits with code 0; killed, with its descendants, at the timeout.</summary>
public sealed class CommandHealthCheck : IHealthCheck
{
    /// <summary>A check running <paramref name="command"/>.</summary>
    public CommandHealthCheck(ExternalCommand command) => Command = command ?? throw new ArgumentNullException(nameof(command));

    /// <summary>What runs.</summary>
    public ExternalCommand Command { get; }

    /// <inheritdoc />
    public string Description => Command.Text;

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckAsync(CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync(Command, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (result.End == ProcessEnd.Killed) throw new OperationCanceledException(cancellationToken);
        return result.Succeeded ? HealthCheckResult.Pass(result.Describe()) : HealthCheckResult.Fail(result.Describe());
    }
}
