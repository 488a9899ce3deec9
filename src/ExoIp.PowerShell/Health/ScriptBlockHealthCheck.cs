using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Health;
using ExoIp.PowerShell.Scripting;

namespace ExoIp.PowerShell.Health;

/// <summary>
/// <c>-HealthCheck { … }</c>: healthy when the block's output is truthy (as <c>if</c> would judge it: <c>$true</c>,
/// a non-empty string, an object) and it does not throw. It runs in a runspace of its own (see
/// <see cref="IsolatedScript"/>) and is stopped at the timeout.
/// </summary>
public sealed class ScriptBlockHealthCheck : IHealthCheck, IDisposable
{
    private readonly IsolatedScript _script;

    /// <summary>A check running <paramref name="block"/>.</summary>
    public ScriptBlockHealthCheck(ScriptBlock block) => _script = new IsolatedScript(block);

    /// <inheritdoc />
    public string Description => _script.Description;

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            var run = await _script.InvokeAsync(null, cancellationToken).ConfigureAwait(false);
            if (run.IsTruthy) return HealthCheckResult.Pass();
            var returned = run.Output.Count == 0 ? "returned nothing" : $"returned {run.Output[0]?.ToString() ?? "$null"}";
            return HealthCheckResult.Fail(run.FirstError is { } error ? $"{returned} ({error})" : returned);
        }
        catch (RuntimeException e)
        {
            return HealthCheckResult.Fail($"threw: {IsolatedScript.MessageOf(e)}");
        }
    }

    /// <inheritdoc />
    public void Dispose() => _script.Dispose();
}
