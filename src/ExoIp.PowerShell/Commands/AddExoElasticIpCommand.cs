using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.PowerShell.Output;

namespace ExoIp.PowerShell.Commands;

/// <summary>Attaches an Elastic IP to an instance (this one by default); the seed's association mode (-A).</summary>
[Cmdlet(VerbsCommon.Add, "ExoElasticIp", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ElasticIpAssignment))]
public sealed class AddExoElasticIpCommand : ElasticIpAssignmentCommand
{
    /// <inheritdoc />
    protected override string Action => "Attach";

    /// <inheritdoc />
    protected override string AlreadyDone => "Elastic IP {0} is already attached to {1}";

    /// <inheritdoc />
    protected override bool IsDone(bool holds) => holds;

    /// <inheritdoc />
    protected override Task<bool> ChangeAsync(string elasticIpId, string instanceId, CancellationToken cancellationToken) =>
        Client.AttachElasticIpAsync(elasticIpId, instanceId, cancellationToken);
}
