using System.Management.Automation;
using ExoIp.PowerShell.Infrastructure;

namespace ExoIp.PowerShell.Commands;

/// <summary>
/// Stops running watchdogs gracefully: a master hands the Elastic IP over make-before-break and detaches
/// itself, unless -KeepElasticIp asks it to stay attached (a planned restart).
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "ExoIpWatchdog", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class StopExoIpWatchdogCommand : WatchdogTargetCmdlet
{
    /// <summary>Leave the Elastic IP attached to this node (for a planned restart).</summary>
    [Parameter]
    public SwitchParameter KeepElasticIp { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var session in Targets())
        {
            var action = KeepElasticIp ? "Stop, keeping the Elastic IP" : "Stop, releasing the Elastic IP when master";
            if (!ShouldProcess($"watchdog {session.Name}", action)) continue;
            session.StopAsync(releaseElasticIp: !KeepElasticIp);
            if (!session.WaitForStop()) WriteWarning($"Watchdog {session.Name} did not stop within its stop timeout.");
            else WriteVerbose($"Watchdog {session.Name} stopped.");
        }
    }
}
