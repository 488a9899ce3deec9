using System.Threading.Tasks;
using ExoIp.Watchdog;

namespace ExoIp.Execution.Commands;

/// <summary>Attach the Elastic IP to this node (the client checks first).</summary>
internal sealed record AttachSelf : ApiAction
{
    public override ApiSlotKind Slot => ApiSlotKind.Self;

    public override ApiActionKind? Action => ApiActionKind.Attach;

    public override string Describe(WatchdogOptions options) => $"attach {options.ElasticIp} to this node";

    protected override Task<bool> CallAsync(ApiCall call) => call.AttachAsync();
}
