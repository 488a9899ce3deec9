using System;
using System.Collections.Generic;

namespace ExoIp.Notify;

/// <summary>A role change a notify hook is told about.</summary>
/// <param name="Timestamp">When the role changed (for Master: when the Elastic IP was attached here).</param>
/// <param name="Name">The watchdog's name.</param>
/// <param name="ElasticIp">The Elastic IP's address.</param>
/// <param name="Role">The new role: Master, Backup, Fault or Stopped.</param>
/// <param name="PreviousRole">The role before; null for the first change.</param>
/// <param name="Reason">Why, in a sentence.</param>
public sealed record RoleChange(DateTimeOffset Timestamp, string Name, string ElasticIp, string Role, string? PreviousRole, string Reason)
{
    /// <summary>The arguments appended to a notify command: <c>ROLE ELASTIC_IP</c>.</summary>
    public IReadOnlyList<string> ToArguments() => new[] { Role, ElasticIp };

    /// <summary>The variables a notify command gets: EXOIP_ROLE, EXOIP_PREVIOUS_ROLE (empty for the first), EXOIP_ELASTIC_IP, EXOIP_NAME, EXOIP_REASON.</summary>
    public IReadOnlyDictionary<string, string> ToEnvironment() => new Dictionary<string, string>
    {
        ["EXOIP_ROLE"] = Role,
        ["EXOIP_PREVIOUS_ROLE"] = PreviousRole ?? "",
        ["EXOIP_ELASTIC_IP"] = ElasticIp,
        ["EXOIP_NAME"] = Name,
        ["EXOIP_REASON"] = Reason,
    };
}
