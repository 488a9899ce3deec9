using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.PowerShell.Output;

namespace ExoIp.PowerShell.Commands;

/// <summary>Detaches an Elastic IP from an instance (this one by default); the seed's dissociation mode (-D).</summary>
[Cmdlet(VerbsCommon.Remove, "ExoElasticIp", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ElasticIpAssignment))]
public sealed class RemoveExoElasticIpCommand : ElasticIpAssignmentCommand
{
    /// <inheritdoc />
    protected override string Action => "Detach";

    /// <inheritdoc />
    protected override string AlreadyDone => "Elastic IP {0} is not attached to {1}";

    /// <inheritdoc />
    protected override bool IsDone(bool holds) => !holds;

    /// <inheritdoc />
    protected override Task<bool> ChangeAsync(string elasticIpId, string instanceId, CancellationToken cancellationToken) =>
        Client.DetachElasticIpAsync(elasticIpId, instanceId, cancellationToken);
}
