using System.Threading.Tasks;
using ExoIp.Peers;
using ExoIp.Watchdog;

namespace ExoIp.Execution.Commands;

/// <summary>Detach the Elastic IP from a peer (or a departed one); an instance that no longer exists holds nothing.</summary>
internal sealed record DetachPeer : ApiAction
{
    /// <param name="peer">The peer to detach it from.</param>
    public DetachPeer(Peer peer) : base(peer) { }

    public override ApiSlotKind Slot => ApiSlotKind.Peer;

    public override ApiActionKind? Action => ApiActionKind.Detach;

    public override string Describe(WatchdogOptions options) => $"detach {options.ElasticIp} from {Target}";

    protected override Task<bool> CallAsync(ApiCall call) => GoneMeansNotHolding(call.DetachAsync());
}
