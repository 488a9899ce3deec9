using System;

namespace ExoIp.Emulator;

/// <summary>An Elastic IP attached to or detached from an instance, at the moment the change applied.</summary>
/// <param name="Time">When the change applied (millisecond precision).</param>
/// <param name="ElasticIpId">The Elastic IP's id.</param>
/// <param name="ElasticIp">The Elastic IP's address.</param>
/// <param name="InstanceId">The instance that gained or lost it.</param>
/// <param name="Action"><c>attach</c> or <c>detach</c>.</param>
/// <param name="OperationId">The API operation that made the change; empty when it did not come from the
/// API (seeding an instance that holds it, removing an instance that held it).</param>
public sealed record HolderChange(
    DateTimeOffset Time, string ElasticIpId, string ElasticIp, string InstanceId, string Action, string OperationId);
