using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace ExoIp.Emulator.Api;

/// <summary>Reads a JSON body; a missing or malformed one is the client's error (400), not the server's.</summary>
internal static class RequestBody
{
    public static async Task<T> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, EmulatorJson.Options, request.HttpContext.RequestAborted)
                ?? throw ApiProblem.BadRequest("The request body is empty.");
        }
        catch (JsonException e)
        {
            throw ApiProblem.BadRequest($"The request body is not valid JSON for this call: {e.Message}");
        }
    }
}
