using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Configuration;
using ExoIp.Exoscale;
using ExoIp.PowerShell.Infrastructure;
using ExoIp.PowerShell.Output;

namespace ExoIp.PowerShell.Commands;

/// <summary>
/// What Add-ExoElasticIp and Remove-ExoElasticIp share: find the Elastic IP and the instance, ask
/// ShouldProcess, then make the change idempotently (already in the wanted state = success).
/// </summary>
public abstract class ElasticIpAssignmentCommand : ExoIpApiCmdlet
{
    /// <summary>The Elastic IP, by address (198.51.100.50) or id; else IF_ADDRESS.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Address")]
    [ValidateNotNullOrEmpty]
    [ValidateElasticIp]
    public string? ElasticIp { get; set; }

    /// <summary>The instance; else IF_EXOSCALE_INSTANCE_ID, else this instance from the metadata service.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? InstanceId { get; set; }

    /// <summary>Emit an <see cref="ElasticIpAssignment"/> describing the result.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>"Attach" or "Detach", for ShouldProcess and the result.</summary>
    protected abstract string Action { get; }

    /// <summary>The idempotent change; true when something changed.</summary>
    protected abstract Task<bool> ChangeAsync(string elasticIpId, string instanceId, CancellationToken cancellationToken);

    /// <summary>What the state is when nothing has to change ({0}: the address, {1}: the instance).</summary>
    protected abstract string AlreadyDone { get; }

    /// <summary>Whether an instance that holds (or not) the Elastic IP is already in the wanted state.</summary>
    protected abstract bool IsDone(bool holds);

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        try
        {
            var address = ElasticIp ?? FromEnvironment();
            var instanceId = ResolveInstanceId(InstanceId);
            var eip = Await(ct => Client.ResolveElasticIpAsync(address, ct));
            WriteVerbose(eip.Describe());

            if (WhatIfRequested)
            {
                // A read, so -WhatIf can say when nothing would change instead of announcing a change.
                var instance = Await(ct => Client.GetInstanceAsync(instanceId, ct));
                if (IsDone(instance.Holds(eip.Id)))
                {
                    var noChange = string.Format(AlreadyDone, eip.Ip, instanceId) + "; nothing would change.";
                    ShouldProcess(noChange, noChange, Action);
                    return;
                }
            }
            if (!ShouldProcess($"Elastic IP {eip.Ip} ({eip.Id}) on instance {instanceId}", Action)) return;
            var changed = Await(ct => ChangeAsync(eip.Id, instanceId, ct));
            WriteVerbose(changed ? $"{Action} of {eip.Ip} on {instanceId} done." : string.Format(AlreadyDone, eip.Ip, instanceId) + "; nothing to do.");
            if (PassThru) WriteObject(new ElasticIpAssignment(System.Net.IPAddress.Parse(eip.Ip), eip.Id, instanceId, Action, changed));
        }
        catch (Exception e) when (e is ExoscaleApiException or ConfigurationException or MetadataUnavailableException)
        {
            WriteError(ErrorFor(e, ElasticIp ?? InstanceId));
        }
        catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
        {
            // The pipeline is stopping; PowerShell reports that itself.
        }
    }

    private string FromEnvironment()
    {
        var found = Sources.Find("ElasticIp", new[] { EnvironmentVariables.Address })
            ?? throw new ConfigurationException("ElasticIp", $"No Elastic IP: give {Sources.Ways("ElasticIp", EnvironmentVariables.Address)}.", missing: true);
        if (!AddressSyntax.IsElasticIpReference(found.Value))
            throw new ConfigurationException("ElasticIp", AddressSyntax.NotAnElasticIp(found.Value, found.Source));
        return found.Value;
    }

    private bool WhatIfRequested =>
        MyInvocation.BoundParameters.TryGetValue("WhatIf", out var given)
            ? given is SwitchParameter { IsPresent: true }
            : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
}
