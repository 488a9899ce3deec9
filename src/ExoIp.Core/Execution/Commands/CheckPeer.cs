using System.Threading.Tasks;
using ExoIp.Peers;
using ExoIp.Watchdog;

namespace ExoIp.Execution.Commands;

/// <summary>Look whether a peer holds the Elastic IP; an instance that no longer exists holds nothing.</summary>
internal sealed record CheckPeer : ApiAction
{
    /// <param name="peer">The peer to look at.</param>
    public CheckPeer(Peer peer) : base(peer) { }

    public override ApiSlotKind Slot => ApiSlotKind.Peer;

    public override ApiActionKind? Action => ApiActionKind.Check;

    public override string Describe(WatchdogOptions options) => $"check whether {Target} holds {options.ElasticIp}";

    protected override Task<bool> CallAsync(ApiCall call) => GoneMeansNotHolding(call.HoldsAsync());
}
