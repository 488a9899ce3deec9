using System;

namespace ExoIp.Emulator.Model;

/// <summary>An attach or detach the API accepted; it applies when <see cref="Due"/> comes.</summary>
internal sealed class EmulatedOperation(string id, bool attach, string elasticIpId, string instanceId, DateTimeOffset due, OperationPlan plan)
{
    public string Id { get; } = id;

    public bool Attach { get; } = attach;

    public string ElasticIpId { get; } = elasticIpId;

    public string InstanceId { get; } = instanceId;

    public DateTimeOffset Due { get; } = due;

    /// <summary>What happens when it falls due.</summary>
    public OperationPlan Plan { get; } = plan;

    /// <summary>pending, success, failure or timeout.</summary>
    public string State { get; private set; } = "pending";

    public string? Reason { get; private set; }

    public string? Message { get; private set; }

    public bool IsPending => State == "pending";

    public void Succeed() => Finish("success", null, null);

    public void Fail(string reason, string message) => Finish("failure", reason, message);

    public void TimeOut() => Finish("timeout", null, "The operation did not complete in time.");

    private void Finish(string state, string? reason, string? message)
    {
        State = state;
        Reason = reason;
        Message = message;
    }
}
