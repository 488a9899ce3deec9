using System;

namespace ExoIp.Emulator.Model;

/// <summary>An attach or detach the API accepted; it applies when <see cref="Due"/> comes.</summary>
internal sealed class EmulatedOperation(string id, bool attach, string elasticIpId, string instanceId, DateTimeOffset due)
{
    public string Id { get; } = id;

    public bool Attach { get; } = attach;

    public string ElasticIpId { get; } = elasticIpId;

    public string InstanceId { get; } = instanceId;

    public DateTimeOffset Due { get; } = due;

    /// <summary>The API's command name, as the operation's reference shows it.</summary>
    public string Command => Attach ? "attach-instance-to-elastic-ip" : "detach-instance-from-elastic-ip";

    /// <summary>pending, success or failure.</summary>
    public string State { get; private set; } = "pending";

    public string? Reason { get; private set; }

    public string? Message { get; private set; }

    public bool IsPending => State == "pending";

    public void Succeed() => Finish("success", null, null);

    public void Fail(string reason, string message) => Finish("failure", reason, message);

    private void Finish(string state, string? reason, string? message)
    {
        State = state;
        Reason = reason;
        Message = message;
    }
}
