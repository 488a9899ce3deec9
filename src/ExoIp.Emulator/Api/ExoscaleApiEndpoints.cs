using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ExoIp.Exoscale;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ExoIp.Emulator.Api;

/// <summary>The signed API under <c>/v2</c>: zones, Elastic IPs, instances, security groups, operations.</summary>
internal static class ExoscaleApiEndpoints
{
    public static void MapExoscaleApi(this IEndpointRouteBuilder app, EmulatorState state)
    {
        var v2 = app.MapGroup("/v2");

        v2.MapGet("/zone", (HttpRequest request) => state.Read(s => List("zones",
        [
            new Dictionary<string, string> { ["name"] = s.Zone, ["api-endpoint"] = ApiBase(request) },
        ])));

        v2.MapGet("/elastic-ip", () => state.Read(s => List("elastic-ips", s.VisibleElasticIps.Select(ApiModels.ElasticIp))));
        v2.MapGet("/elastic-ip/{id}", (string id) => state.Read(s => ApiModels.ElasticIp(s.VisibleElasticIp(id))));
        // Kestrel routes "{id}:attach" as one segment: split it here.
        v2.MapPut("/elastic-ip/{idAndAction}", (string idAndAction, HttpRequest request) => ChangeHolderAsync(state, idAndAction, request));

        v2.MapGet("/instance", (HttpRequest request) =>
        {
            string? ipAddress = request.Query["ip-address"];
            return state.Read(s => List("instances", s.VisibleInstances
                .Where(i => ipAddress is null || i.PublicIp == ipAddress)
                .Select(i => ApiModels.Instance(i, withElasticIps: false))));
        });
        v2.MapGet("/instance/{id}", (string id) => state.Read(s => ApiModels.Instance(s.VisibleInstance(id), withElasticIps: true)));

        v2.MapGet("/security-group", () => state.Read(s => List("security-groups",
            s.SecurityGroups.Select(g => ApiModels.SecurityGroup(g.Key, g.Value)))));
        v2.MapGet("/security-group/{id}", (string id) => state.Read(s => ApiModels.SecurityGroup(id, s.SecurityGroupName(id))));

        v2.MapGet("/operation/{id}", (string id, HttpRequest request) =>
            state.Read(s => ApiModels.Operation(s.Operation(id), ApiBase(request))));

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
        var apiBase = ApiBase(request);
        return state.StartOperation(action == "attach", id, body.Instance.Id, o => ApiModels.Operation(o, apiBase));
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
