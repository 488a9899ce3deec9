using System.Threading.Tasks;
using ExoIp.Watchdog;

namespace ExoIp.Execution.Commands;

/// <summary>Detach the Elastic IP from this node (the client checks first).</summary>
internal sealed record DetachSelf : ApiAction
{
    public override ApiSlotKind Slot => ApiSlotKind.Self;

    public override ApiActionKind? Action => ApiActionKind.Detach;

    public override string Describe(WatchdogOptions options) => $"detach {options.ElasticIp} from this node";

    protected override Task<bool> CallAsync(ApiCall call) => call.DetachAsync();
}
