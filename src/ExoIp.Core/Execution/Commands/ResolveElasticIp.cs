using System;
using System.Threading.Tasks;
using ExoIp.Exoscale;
using ExoIp.Watchdog;

namespace ExoIp.Execution.Commands;

/// <summary>Find the Elastic IP's id from its address.</summary>
internal sealed record ResolveElasticIp : ApiLookup<ElasticIp>
{
    public override ApiSlotKind Slot => ApiSlotKind.ElasticIp;

    public override string Describe(WatchdogOptions options) => $"resolve the Elastic IP {options.ElasticIp}";

    private protected override void Deliver(ElasticIp value, ApiCallResult result, IApiAnswers answers, DateTimeOffset now) => answers.ElasticIpResolved(value);

    protected override Task<ElasticIp> CallAsync(ApiCall call) => call.Api.ResolveElasticIpAsync(call.Options.ElasticIp!.ToString(), call.Cancellation);
}
