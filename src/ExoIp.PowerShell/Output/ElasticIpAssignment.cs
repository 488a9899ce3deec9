using System.Net;

namespace ExoIp.PowerShell.Output;

/// <summary>What Add-ExoElasticIp or Remove-ExoElasticIp did (with -PassThru).</summary>
public sealed class ElasticIpAssignment
{
    internal ElasticIpAssignment(IPAddress elasticIp, string elasticIpId, string instanceId, string action, bool changed)
    {
        ElasticIp = elasticIp;
        ElasticIpId = elasticIpId;
        InstanceId = instanceId;
        Action = action;
        Changed = changed;
    }

    /// <summary>The Elastic IP's address.</summary>
    public IPAddress ElasticIp { get; }

    /// <summary>The Elastic IP's id.</summary>
    public string ElasticIpId { get; }

    /// <summary>The instance it was attached to or detached from.</summary>
    public string InstanceId { get; }

    /// <summary>Attach or Detach.</summary>
    public string Action { get; }

    /// <summary>False when the Elastic IP was already in the wanted state and nothing was done.</summary>
    public bool Changed { get; }
}
