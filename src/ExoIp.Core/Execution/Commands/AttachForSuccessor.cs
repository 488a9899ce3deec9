using System.Threading.Tasks;
using ExoIp.Peers;
using ExoIp.Watchdog;

namespace ExoIp.Execution.Commands;

/// <summary>Attach the Elastic IP to the successor of a handover, which does not hold it.</summary>
internal sealed record AttachForSuccessor : ApiAction
{
    /// <param name="successor">The master to attach it to.</param>
    public AttachForSuccessor(Peer successor) : base(successor) { }

    public override ApiSlotKind Slot => ApiSlotKind.Peer;

    public override ApiActionKind? Action => ApiActionKind.Attach;

    public override string Describe(WatchdogOptions options) => $"attach {options.ElasticIp} to the master {Target}, which does not hold it";

    protected override Task<bool> CallAsync(ApiCall call) => call.AttachAsync();
}
