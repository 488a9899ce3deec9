using System;
using System.Globalization;
using ExoIp.Emulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ExoIp.Emulator.Api;

/// <summary>
/// The unsigned control API under <c>/_emulator</c>, mirroring the C# API for Pester, scripts and other
/// processes. Faults never apply to it and its requests are not recorded.
/// </summary>
internal static class ControlEndpoints
{
    public static void MapControlApi(this IEndpointRouteBuilder app, EmulatorState state, FaultInjector faults, RequestLog requests)
    {
        var control = app.MapGroup("/_emulator");

        control.MapGet("/state", () => state.Snapshot());
        control.MapPost("/reset", async (HttpRequest request) =>
        {
            // An empty body resets to an empty world.
            state.Load(request.ContentLength == 0 ? new EmulatorSeed() : await RequestBody.ReadAsync<EmulatorSeed>(request));
            return Results.NoContent();
        });

        control.MapPost("/credentials", async (HttpRequest request) =>
        {
            state.AddCredentials(await RequestBody.ReadAsync<SeedCredentials>(request));
            return Results.NoContent();
        });
        control.MapPost("/security-groups", async (HttpRequest request) =>
        {
            var group = await RequestBody.ReadAsync<SeedSecurityGroup>(request);
            state.AddSecurityGroup(group.Id, group.Name);
            return Results.NoContent();
        });
        control.MapPost("/elastic-ips", async (HttpRequest request) =>
        {
            state.AddElasticIp(await RequestBody.ReadAsync<SeedElasticIp>(request));
            return Results.NoContent();
        });
        control.MapPost("/instances", async (HttpRequest request) =>
        {
            state.AddInstance(await RequestBody.ReadAsync<SeedInstance>(request));
            return Results.NoContent();
        });
        control.MapPost("/instance-pools", async (HttpRequest request) =>
        {
            var pool = await RequestBody.ReadAsync<SeedInstancePool>(request);
            state.AddInstancePool(pool.Id, pool.Name, pool.ElasticIps, pool.Zone);
            return Results.NoContent();
        });
        control.MapPut("/instances/{id}/instance-pool", async (string id, HttpRequest request) =>
        {
            state.SetInstancePool(id, (await RequestBody.ReadAsync<MetadataInstanceBody>(request)).Id);
            return Results.NoContent();
        });
        control.MapPut("/instances/{id}/state", async (string id, HttpRequest request) =>
        {
            var body = await RequestBody.ReadAsync<InstanceStateBody>(request);
            state.SetInstanceState(id, body.State ?? throw ApiProblem.BadRequest("The body must be {\"state\":\"...\"}."));
            return Results.NoContent();
        });
        control.MapDelete("/instances/{id}", (string id) =>
        {
            state.RemoveInstance(id);
            return Results.NoContent();
        });
        control.MapPut("/metadata-instance", async (HttpRequest request) =>
        {
            state.SetDefaultMetadataInstance((await RequestBody.ReadAsync<MetadataInstanceBody>(request)).Id);
            return Results.NoContent();
        });
        control.MapPut("/operation-delay", async (HttpRequest request) =>
        {
            var body = await RequestBody.ReadAsync<OperationDelayBody>(request);
            state.OperationDelay = TimeSpan.FromMilliseconds(body.Milliseconds);
            return Results.NoContent();
        });

        control.MapPut("/operation-ending", async (HttpRequest request) =>
        {
            state.OperationEnding = (await RequestBody.ReadAsync<OperationEndingBody>(request)).Ending;
            return Results.NoContent();
        });
        control.MapPut("/repeated-change-answer", async (HttpRequest request) =>
        {
            state.RepeatedChangeAnswer = (await RequestBody.ReadAsync<RepeatedChangeAnswerBody>(request)).Answer;
            return Results.NoContent();
        });
        control.MapPost("/zones", async (HttpRequest request) =>
        {
            var zone = await RequestBody.ReadAsync<SeedZone>(request);
            state.AddZone(zone.Name, new Uri(zone.ApiEndpoint));
            return Results.NoContent();
        });

        control.MapPost("/faults", async (HttpRequest request) => new { id = faults.Add(await RequestBody.ReadAsync<FaultRule>(request)) });
        control.MapDelete("/faults", () =>
        {
            faults.Clear();
            return Results.NoContent();
        });
        control.MapDelete("/faults/{id}", (string id) =>
            faults.Remove(id) ? Results.NoContent() : throw ApiProblem.NotFound("fault", id));

        control.MapGet("/holders/{elasticIp}", (string elasticIp) => state.Read(s =>
        {
            var eip = s.ResolveElasticIp(elasticIp);
            return new { elasticIp = eip.Ip, elasticIpId = eip.Id, holders = s.HoldersOf(eip.Id) };
        }));
        control.MapGet("/history", (HttpRequest request) => state.History(request.Query["elasticIp"]));
        control.MapGet("/stats/{elasticIp}", (string elasticIp, HttpRequest request) =>
            state.Stats(elasticIp, Time(request, "from"), Time(request, "to")));
        control.MapGet("/requests", (HttpRequest request) => requests.Since(Time(request, "since")));
    }

    /// <summary>An ISO 8601 time from the query; without an offset it is taken as UTC.</summary>
    private static DateTimeOffset? Time(HttpRequest request, string name)
    {
        string? text = request.Query[name];
        if (string.IsNullOrEmpty(text)) return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw ApiProblem.BadRequest($"'{name}' must be an ISO 8601 time, not '{text}'.");
    }

    private sealed record InstanceStateBody(string? State);

    private sealed record MetadataInstanceBody(string? Id);

    private sealed record OperationDelayBody(double Milliseconds);

    private sealed record OperationEndingBody(OperationEnding Ending);

    private sealed record RepeatedChangeAnswerBody(RepeatedChangeAnswer Answer);
}
