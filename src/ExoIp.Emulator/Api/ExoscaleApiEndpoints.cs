using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ExoIp.Exoscale;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ExoIp.Emulator.Api;

/// <summary>
/// The signed API under <c>/v2</c>: zones, Elastic IPs, instances, security groups, Instance Pools, operations.
/// Each route is named by its OpenAPI operationId, which restricted API keys are checked against.
/// </summary>
internal static class ExoscaleApiEndpoints
{
    public static void MapExoscaleApi(this IEndpointRouteBuilder app, EmulatorState state)
    {
        var v2 = app.MapGroup("/v2");

        v2.MapGet("/zone", (HttpRequest request) => state.Read(s => List("zones",
            s.OtherZones.Prepend(new(s.Zone, ApiBase(request)))
                .Select(z => new Dictionary<string, string> { ["name"] = z.Key, ["api-endpoint"] = z.Value })))).WithName("list-zones");

        v2.MapGet("/elastic-ip", () => state.Read(s => List("elastic-ips", s.VisibleElasticIps.Select(ApiModels.ElasticIp))))
            .WithName("list-elastic-ips");
        v2.MapGet("/elastic-ip/{id}", (string id) => state.Read(s => ApiModels.ElasticIp(s.VisibleElasticIp(id)))).WithName("get-elastic-ip");
        // Kestrel routes "{id}:attach" as one segment: split it here (the operation is named from the action).
        v2.MapPut("/elastic-ip/{idAndAction}", (string idAndAction, HttpRequest request) => ChangeHolderAsync(state, idAndAction, request))
            .WithName(ChangeHolderRoute);

        v2.MapGet("/instance", (HttpRequest request) =>
        {
            // As the real API: ip-address matches the public IP and the attached Elastic IPs (the CLI lists an
            // Elastic IP's holders this way); manager-id the instances an Instance Pool manages.
            string? ipAddress = request.Query["ip-address"];
            string? managerId = request.Query["manager-id"];
            string? managerType = request.Query["manager-type"];
            return state.Read(s => List("instances", s.VisibleInstances
                .Where(i => ipAddress is null || s.HasAddress(i, ipAddress))
                .Where(i => managerId is null || i.InstancePoolId == managerId)
                .Where(i => managerType is null || (managerType == ResourceManager.InstancePoolType && i.InstancePoolId is not null))
                .Select(i => ApiModels.Instance(i, withElasticIps: false))));
        }).WithName("list-instances");
        v2.MapGet("/instance/{id}", (string id) => state.Read(s => ApiModels.Instance(s.VisibleInstance(id), withElasticIps: true)))
            .WithName("get-instance");

        v2.MapGet("/security-group", () => state.Read(s => List("security-groups",
            s.SecurityGroups.Select(g => ApiModels.SecurityGroup(g.Key, g.Value))))).WithName("list-security-groups");
        v2.MapGet("/security-group/{id}", (string id) => state.Read(s => ApiModels.SecurityGroup(id, s.SecurityGroupName(id))))
            .WithName("get-security-group");

        v2.MapGet("/instance-pool", () => state.Read(s => List("instance-pools",
            s.VisibleInstancePools.Select(p => ApiModels.InstancePool(p, s.MembersOf(p.Id).ToList()))))).WithName("list-instance-pools");
        v2.MapGet("/instance-pool/{id}", (string id) => state.Read(s =>
        {
            var pool = s.VisibleInstancePool(id);
            return ApiModels.InstancePool(pool, s.MembersOf(pool.Id).ToList());
        })).WithName("get-instance-pool");

        v2.MapGet("/operation/{id}", (string id) =>
            state.Read(s => ApiModels.Operation(s.Operation(id)))).WithName("get-operation");

        v2.MapFallback("{**path}", () => Results.Json(new { message = "No such API call in the emulator." }, EmulatorJson.Options, statusCode: 404));
    }

    private static async Task<Operation> ChangeHolderAsync(EmulatorState state, string idAndAction, HttpRequest request)
    {
        var colon = idAndAction.LastIndexOf(':');
        var action = colon < 0 ? string.Empty : idAndAction[(colon + 1)..];
        if (action is not ("attach" or "detach")) throw new ApiProblem(404, $"No such Elastic IP call: {idAndAction}.");
        var id = idAndAction[..colon];

        var body = await RequestBody.ReadAsync<InstanceTarget>(request);
        if (string.IsNullOrEmpty(body.Instance?.Id)) throw ApiProblem.BadRequest("The body must be {\"instance\":{\"id\":\"...\"}}.");
        return state.StartOperation(action == "attach", id, body.Instance.Id, ApiModels.Operation);
    }

    /// <summary>The route name of attach and detach, which share a route.</summary>
    public const string ChangeHolderRoute = "attach-or-detach";

    /// <summary>The operationId a request calls, from its route's name; null for no route.</summary>
    public static string? OperationOf(HttpContext context)
    {
        var name = context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
        if (name != ChangeHolderRoute) return name;
        var path = context.Request.Path.Value ?? string.Empty;
        return path.EndsWith(":attach", System.StringComparison.Ordinal) ? "attach-instance-to-elastic-ip"
            : path.EndsWith(":detach", System.StringComparison.Ordinal) ? "detach-instance-from-elastic-ip"
            : null;
    }

    private static Dictionary<string, object> List<T>(string name, IEnumerable<T> items) => new() { [name] = items.ToList() };

    /// <summary>The API's base URL as this client reaches it, for links and the zone's endpoint.</summary>
    private static string ApiBase(HttpRequest request) => $"{request.Scheme}://{request.Host}/v2";

    /// <summary>The body of attach and detach: <c>{"instance":{"id":"..."}}</c>.</summary>
    private sealed class InstanceTarget
    {
        public ResourceReference? Instance { get; set; }
    }
}
