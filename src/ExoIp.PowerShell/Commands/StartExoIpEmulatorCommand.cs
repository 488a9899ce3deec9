using System;
using System.Globalization;
using System.Management.Automation;
using ExoIp.PowerShell.Emulator;
using ExoIp.PowerShell.Output;

namespace ExoIp.PowerShell.Commands;

/// <summary>
/// Starts the bundled Exoscale API v2 emulator on a loopback port, for demos and for testing automation
/// (including with Pester) without an Exoscale account.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "ExoIpEmulator", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(EmulatorInstance))]
public sealed class StartExoIpEmulatorCommand : PSCmdlet
{
    /// <summary>The port; 0 picks a free one.</summary>
    [Parameter]
    [ValidateRange(0, 65535)]
    public int Port { get; set; }

    /// <summary>The loopback address to listen on.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>The zone the emulator serves.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Zone { get; set; } = "ch-gva-2";

    /// <summary>A seed file (JSON) with credentials, instances, security groups and Elastic IPs.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? SeedPath { get; set; }

    /// <summary>How long each attach or detach operation stays pending, in seconds.</summary>
    [Parameter]
    [ValidateRange(0.0, 600.0)]
    public double OperationDelay { get; set; }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        var arguments = string.Format(CultureInfo.InvariantCulture,
            "--address {0} --port {1} --zone {2} --operation-delay-ms {3}", Address, Port, Zone, (int)(OperationDelay * 1000));
        if (SeedPath is not null)
            arguments += $" --seed \"{SessionState.Path.GetUnresolvedProviderPathFromPSPath(SeedPath)}\"";
        if (!ShouldProcess($"{Address}:{Port}", "Start the ExoIp emulator")) return;

        try
        {
            var emulator = EmulatorProcess.Start(arguments, Zone, TimeSpan.FromSeconds(30));
            WriteVerbose($"Emulator process {emulator.ProcessId} listens on {emulator.Url}.");
            WriteObject(emulator);
        }
        catch (Exception e) when (e is InvalidOperationException or System.IO.FileNotFoundException or System.ComponentModel.Win32Exception)
        {
            ThrowTerminatingError(new ErrorRecord(e, "EmulatorStartFailed", ErrorCategory.ResourceUnavailable, SeedPath));
        }
    }
}
