using System;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Processes;

namespace ExoIp.Notify;

/// <summary>
/// A notify command, run without a shell with <c>ROLE ELASTIC_IP</c> appended to its arguments and the
/// change in EXOIP_* variables (<see cref="RoleChange.ToEnvironment"/>); killed, with its descendants, at the timeout.
/// </summary>
public sealed class CommandNotifyHook : INotifyHook
{
    /// <summary>A hook running <paramref name="command"/>.</summary>
    public CommandNotifyHook(ExternalCommand command) => Command = command ?? throw new ArgumentNullException(nameof(command));

    /// <summary>What runs.</summary>
    public ExternalCommand Command { get; }

    /// <inheritdoc />
    public string Description => Command.Text;

    /// <inheritdoc />
    public async Task<NotifyHookResult> RunAsync(RoleChange change, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync(Command, change.ToArguments(), change.ToEnvironment(), cancellationToken).ConfigureAwait(false);
        return new NotifyHookResult(result.Succeeded, result.ExitCode, result.End == ProcessEnd.Exited ? result.LastOutput : result.Describe());
    }
}
