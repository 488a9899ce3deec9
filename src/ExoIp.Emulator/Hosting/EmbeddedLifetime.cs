using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace ExoIp.Emulator.Hosting;

/// <summary>
/// The lifetime of an emulator embedded in a test or a script: it must not take over the host process's
/// Ctrl+C and SIGTERM handling, as the console lifetime would. Disposing the emulator stops it.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
