using System.Management.Automation;
using ExoIp.PowerShell.Infrastructure;
using ExoIp.PowerShell.Output;

namespace ExoIp.PowerShell.Commands;

/// <summary>Lists the watchdogs running in this process (foreground in another runspace, jobs, thread jobs).</summary>
[Cmdlet(VerbsCommon.Get, "ExoIpWatchdog")]
[OutputType(typeof(WatchdogInfo))]
public sealed class GetExoIpWatchdogCommand : WatchdogTargetCmdlet
{
    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var session in Targets()) WriteObject(new WatchdogInfo(session));
    }
}
