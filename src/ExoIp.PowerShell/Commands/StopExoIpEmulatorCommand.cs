using System;
using System.Management.Automation;
using ExoIp.PowerShell.Completion;
using ExoIp.PowerShell.Emulator;

namespace ExoIp.PowerShell.Commands;

/// <summary>Stops emulators started with Start-ExoIpEmulator in this session: the one given, or all of them.</summary>
[Cmdlet(VerbsLifecycle.Stop, "ExoIpEmulator", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(void))]
public sealed class StopExoIpEmulatorCommand : PSCmdlet
{
    /// <summary>The emulator's process id (Start-ExoIpEmulator's output binds by property name); all of this session's when left out.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(EmulatorProcessIdCompleter))]
    public int[]? ProcessId { get; set; }

    private bool _boundFromInput;

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ProcessId is null) return;
        _boundFromInput = true;
        foreach (var processId in ProcessId) Stop(processId);
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (_boundFromInput) return;
        foreach (var emulator in EmulatorProcess.Running()) Stop(emulator.ProcessId);
    }

    private void Stop(int processId)
    {
        if (!ShouldProcess($"emulator process {processId}", "Stop")) return;
        if (!EmulatorProcess.Stop(processId))
        {
            WriteError(new ErrorRecord(
                new ArgumentException($"No emulator with process id {processId} was started in this session."),
                "EmulatorNotFound", ErrorCategory.ObjectNotFound, processId));
        }
    }
}
