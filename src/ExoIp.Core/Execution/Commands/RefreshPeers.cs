using System;
using System.Threading.Tasks;
using ExoIp.Peers;
using ExoIp.Watchdog;

namespace ExoIp.Execution.Commands;

/// <summary>List the security group's or the Instance Pool's members, or look up the static peers' instances.</summary>
internal sealed record RefreshPeers : ApiLookup<PeerLookup>
{
    public override ApiSlotKind Slot => ApiSlotKind.PeerList;

    public override string Describe(WatchdogOptions options) =>
        options.PeerGroup is { } group ? $"list the members of security group '{group}'"
        : options.InstancePool is { } pool ? $"list the members of Instance Pool '{pool}'"
        : "look up the peers' instances";

    private protected override void Deliver(PeerLookup value, ApiCallResult result, IApiAnswers answers, DateTimeOffset now) => answers.PeersLookedUp(value, result, now);

    protected override async Task<PeerLookup> CallAsync(ApiCall call)
    {
        var options = call.Options;
        if (options.PeerGroup is { } group)
            return PeerLookup.Listed(await PeerDirectory.ListGroupMembersAsync(call.Api, group, options.InstanceId, call.Cancellation).ConfigureAwait(false));
        if (options.InstancePool is { } pool)
            return PeerLookup.Listed(await InstancePoolPeers.ListMembersAsync(call.Api, pool, options.InstanceId, call.ElasticIpId, call.Cancellation).ConfigureAwait(false));
        return PeerLookup.Static(await PeerDirectory.ResolveAsync(call.Api, options.Peers!, call.Cancellation).ConfigureAwait(false));
    }
}
