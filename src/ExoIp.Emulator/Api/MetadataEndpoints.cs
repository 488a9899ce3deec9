using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ExoIp.Emulator.Api;

/// <summary>
/// Instance metadata as plain text, unsigned: <c>/latest/meta-data/{key}</c> for the default instance and
/// <c>/metadata/{instanceId}/latest/meta-data/{key}</c> so several nodes on one machine each see their own.
/// </summary>
internal static class MetadataEndpoints
{
    private static readonly string[] Keys = ["instance-id", "availability-zone", "public-ipv4"];

    public static void MapMetadata(this IEndpointRouteBuilder app, EmulatorState state)
    {
        app.MapGet("/latest/meta-data/{key?}", (string? key) => Answer(state, null, key));
        app.MapGet("/metadata/{instanceId}/latest/meta-data/{key?}", (string instanceId, string? key) => Answer(state, instanceId, key));
    }

    private static IResult Answer(EmulatorState state, string? instanceId, string? key)
    {
        var value = state.Read(s =>
        {
            var id = instanceId ?? s.MetadataInstanceId;
            if (id is null || !s.TryGetInstance(id, out var instance)) return null;
            return key switch
            {
                null => string.Join("\n", Keys),
                "instance-id" => instance.Id,
                "availability-zone" => instance.Zone,
                "public-ipv4" => instance.PublicIp,
                _ => null,
            };
        });
        return value is null ? Results.NotFound() : Results.Text(value, "text/plain");
    }
}
