using System;
using System.Collections.Generic;
using ExoIp.Exoscale;
using ExoIp.Peers;

namespace ExoIp.Execution;

/// <summary>
/// What the loop does with each kind of successful answer, answered at <c>now</c>: one method per kind, and each command says which is its
/// (<see cref="ApiCommand.Deliver"/>), so a command of a new kind does not build until it does.
/// </summary>
internal interface IApiAnswers
{
    /// <summary>The Elastic IP's id, found from its address (<see cref="Commands.ResolveElasticIp"/>).</summary>
    void ElasticIpResolved(ElasticIp elasticIp);

    /// <summary>The group's or pool's members, or the static peers' instances (<see cref="Commands.RefreshPeers"/>).</summary>
    void PeersLookedUp(PeerLookup peers, ApiCallResult result, DateTimeOffset now);

    /// <summary>The instances the Elastic IP is attached to (<see cref="Commands.ListHolders"/>).</summary>
    void HoldersListed(IReadOnlyList<Instance> holders, ApiCallResult result, DateTimeOffset now);

    /// <summary>An attach, a detach or a check: whether the instance acted on holds the Elastic IP (<see cref="ApiAction"/>).</summary>
    void ActionAnswered(ApiCallResult result, DateTimeOffset now);
}
