using System;
using System.Management.Automation;
using ExoIp.Authentication;
using ExoIp.PowerShell.Infrastructure;
using ExoIp.PowerShell.Output;

namespace ExoIp.PowerShell.Commands;

/// <summary>
/// Changes the priority of running watchdogs, as SIGUSR1/SIGUSR2 do for a process: the next advert carries
/// it and mastership moves make-before-break when it should; or swaps their advert keys (a rotation step).
/// </summary>
[Cmdlet(VerbsCommon.Set, "ExoIpWatchdog", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = AbsoluteSet)]
[OutputType(typeof(WatchdogInfo))]
public sealed class SetExoIpWatchdogCommand : WatchdogTargetCmdlet
{
    private const string AbsoluteSet = "Priority";
    private const string RelativeSet = "PriorityDelta";
    private const string KeysSet = "AuthKeyFile";

    /// <summary>The new priority, 0-255, lower wins.</summary>
    [Parameter(Mandatory = true, ParameterSetName = AbsoluteSet)]
    [ValidateRange(0, 255)]
    public int Priority { get; set; }

    /// <summary>A change to the priority: -1 is what SIGUSR1 does, +1 what SIGUSR2 does; the result stays within 0-255.</summary>
    [Parameter(Mandatory = true, ParameterSetName = RelativeSet)]
    [ValidateRange(-255, 255)]
    public int PriorityDelta { get; set; }

    /// <summary>Key files (current, then optionally next) to sign and verify adverts with from now on.</summary>
    [Parameter(Mandatory = true, ParameterSetName = KeysSet)]
    [ValidateCount(1, 2)]
    public string[] AuthKeyFile { get; set; } = Array.Empty<string>();

    /// <summary>Emit the watchdog's state after the change.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ParameterSetName == KeysSet)
        {
            SwapKeys();
            return;
        }
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

    private void SwapKeys()
    {
        AuthKeyRing keys;
        try
        {
            keys = AuthKeyParameters.Resolve(this, null, AuthKeyFile)!;
        }
        catch (AuthKeyException ex)
        {
            WriteError(ErrorRecords.From(ex, AuthKeyFile));
            return;
        }
        foreach (var session in Targets())
        {
            if (!ShouldProcess($"watchdog {session.Name} (keys {session.Engine.AuthKeys?.ToString() ?? "none"})", $"Use keys {keys}")) continue;
            try
            {
                session.Engine.UseAuthKeys(keys);
            }
            catch (InvalidOperationException ex)
            {
                WriteError(new ErrorRecord(ex, "WatchdogWithoutKey", ErrorCategory.InvalidOperation, session.Name));
                continue;
            }
            WriteVerbose($"Watchdog {session.Name} now uses keys {keys}.");
            if (PassThru) WriteObject(new WatchdogInfo(session));
        }
    }
}
