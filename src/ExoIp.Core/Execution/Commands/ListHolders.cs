using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ExoIp.Exoscale;
using ExoIp.Watchdog;

namespace ExoIp.Execution.Commands;

/// <summary>
/// List every instance the Elastic IP is attached to (list-instances by its address, as Exoscale's CLI does):
/// a master makes sure none but itself holds it, peers or not.
/// </summary>
internal sealed record ListHolders : ApiLookup<IReadOnlyList<Instance>>
{
    public override ApiSlotKind Slot => ApiSlotKind.Holders;

    public override string Describe(WatchdogOptions options) => $"list the instances {options.ElasticIp} is attached to";

    private protected override void Deliver(IReadOnlyList<Instance> value, ApiCallResult result, IApiAnswers answers, DateTimeOffset now) =>
        answers.HoldersListed(value, result, now);

    protected override Task<IReadOnlyList<Instance>> CallAsync(ApiCall call) => call.Api.ListInstancesAsync(call.Options.ElasticIp!.ToString(), call.Cancellation);
}
