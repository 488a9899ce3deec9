using System.Linq;
using System.Threading.Tasks;
using System.Net;
using System.Net.Http;
using System.Text.Json;

namespace ExoIp.Emulator.Tests;

internal static class Json
{
    /// <summary>Asserts the status and returns the body parsed as JSON.</summary>
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts an error answer: the status and a {"message"} body.</summary>
    public static async Task<string> ReadErrorAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await ReadAsync(response, expected);
        return body.GetProperty("message").GetString()!;
    }

    public static string[] Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

    public static string[] Ids(JsonElement array) => array.EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToArray();
}
