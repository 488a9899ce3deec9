using System;
using System.Management.Automation;
using ExoIp.PowerShell.Emulator;

namespace ExoIp.PowerShell.Commands;

/// <summary>Stops an emulator started with Start-ExoIpEmulator in this session.</summary>
[Cmdlet(VerbsLifecycle.Stop, "ExoIpEmulator", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(void))]
public sealed class StopExoIpEmulatorCommand : PSCmdlet
{
    /// <summary>The emulator's process id (Start-ExoIpEmulator's output binds by property name).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    public int ProcessId { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (!ShouldProcess($"emulator process {ProcessId}", "Stop")) return;
        if (!EmulatorProcess.Stop(ProcessId))
        {
            WriteError(new ErrorRecord(
                new ArgumentException($"No emulator with process id {ProcessId} was started in this session."),
                "EmulatorNotFound", ErrorCategory.ObjectNotFound, ProcessId));
        }
    }
}
