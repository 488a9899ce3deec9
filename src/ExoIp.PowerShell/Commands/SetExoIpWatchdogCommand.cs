using System.Management.Automation;
using ExoIp.PowerShell.Infrastructure;
using ExoIp.PowerShell.Output;

namespace ExoIp.PowerShell.Commands;

/// <summary>
/// Changes the priority of running watchdogs, as SIGUSR1/SIGUSR2 do for a process: the next advert carries
/// it and mastership moves make-before-break when it should.
/// </summary>
[Cmdlet(VerbsCommon.Set, "ExoIpWatchdog", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = AbsoluteSet)]
[OutputType(typeof(WatchdogInfo))]
public sealed class SetExoIpWatchdogCommand : WatchdogTargetCmdlet
{
    private const string AbsoluteSet = "Priority";
    private const string RelativeSet = "PriorityDelta";

    /// <summary>The new priority, 0-255, lower wins.</summary>
    [Parameter(Mandatory = true, ParameterSetName = AbsoluteSet)]
    [ValidateRange(0, 255)]
    public int Priority { get; set; }

    /// <summary>A change to the priority: -1 is what SIGUSR1 does, +1 what SIGUSR2 does; the result stays within 0-255.</summary>
    [Parameter(Mandatory = true, ParameterSetName = RelativeSet)]
    [ValidateRange(-255, 255)]
    public int PriorityDelta { get; set; }

    /// <summary>Emit the watchdog's state after the change.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var session in Targets())
        {
            var change = ParameterSetName == AbsoluteSet ? $"Set priority to {Priority}" : $"Change priority by {PriorityDelta:+#;-#;0}";
            if (!ShouldProcess($"watchdog {session.Name} (priority {session.Engine.Priority})", change)) continue;
            if (ParameterSetName == AbsoluteSet) session.Engine.SetPriority((byte)Priority);
            else session.Engine.AdjustPriority(PriorityDelta);
            WriteVerbose($"Watchdog {session.Name} now has priority {session.Engine.Priority}.");
            if (PassThru) WriteObject(new WatchdogInfo(session));
        }
    }
}
