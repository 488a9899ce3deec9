using System.Threading.Tasks;
using ExoIp.Watchdog;

namespace ExoIp.Execution.Commands;

/// <summary>Look whether this node holds the Elastic IP.</summary>
internal sealed record CheckSelf : ApiAction
{
    public override ApiSlotKind Slot => ApiSlotKind.Self;

    public override ApiActionKind? Action => ApiActionKind.Check;

    public override string Describe(WatchdogOptions options) => $"check whether this node holds {options.ElasticIp}";

    protected override Task<bool> CallAsync(ApiCall call) => call.HoldsAsync();
}
