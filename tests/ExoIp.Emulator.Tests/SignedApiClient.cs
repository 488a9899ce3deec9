using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using ExoIp.Exoscale;

namespace ExoIp.Emulator.Tests;

/// <summary>A real HTTP client that signs its requests with the core's signer, as the product's client does.</summary>
internal sealed class SignedApiClient(ExoscaleEmulator emulator, ApiCredentials? credentials = null) : IDisposable
{
    private readonly ApiCredentials _credentials = credentials ?? TestSeed.Credentials;

    public HttpClient Http { get; } = new() { BaseAddress = emulator.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Sends a signed request; <paramref name="pathAndQuery"/> is relative to /v2, e.g. "/instance?ip-address=…".</summary>
    public Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string pathAndQuery, string? body = null, DateTimeOffset? expires = null,
        Func<string, string>? alterAuthorization = null, CancellationToken cancellationToken = default)
    {
        var request = Sign(method, pathAndQuery, body, expires);
        if (alterAuthorization is not null)
        {
            var header = alterAuthorization(request.Headers.GetValues("Authorization").Single());
            request.Headers.Remove("Authorization");
            request.Headers.TryAddWithoutValidation("Authorization", header);
        }

        return Http.SendAsync(request, cancellationToken);
    }

    public HttpRequestMessage Sign(HttpMethod method, string pathAndQuery, string? body = null, DateTimeOffset? expires = null)
    {
        var (path, query) = Split("/v2" + pathAndQuery);
        var authorization = RequestSigner.CreateAuthorization(
            _credentials, method.Method, path, query, body, expires ?? DateTimeOffset.UtcNow + RequestSigner.DefaultValidity);
        var request = new HttpRequestMessage(method, "v2" + pathAndQuery);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return request;
    }

    public Task<HttpResponseMessage> GetAsync(string pathAndQuery) => SendAsync(HttpMethod.Get, pathAndQuery);

    public Task<HttpResponseMessage> AttachAsync(string elasticIpId, string instanceId) =>
        SendAsync(HttpMethod.Put, $"/elastic-ip/{elasticIpId}:attach", InstanceBody(instanceId));

    public Task<HttpResponseMessage> DetachAsync(string elasticIpId, string instanceId) =>
        SendAsync(HttpMethod.Put, $"/elastic-ip/{elasticIpId}:detach", InstanceBody(instanceId));

    /// <summary>GETs and returns the JSON body, asserting a 200.</summary>
    public async Task<JsonElement> GetJsonAsync(string pathAndQuery)
    {
        using var response = await GetAsync(pathAndQuery);
        return await Json.ReadAsync(response, HttpStatusCode.OK);
    }

    /// <summary>Polls the operation until it leaves "pending" (generous deadline, no timing assertion).</summary>
    public async Task<JsonElement> WaitForOperationAsync(string operationId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var operation = await GetJsonAsync($"/operation/{operationId}");
            if (operation.GetProperty("state").GetString() != "pending" || DateTime.UtcNow > deadline) return operation;
            await Task.Delay(20);
        }
    }

    public void Dispose() => Http.Dispose();

    private static string InstanceBody(string instanceId) => $$$"""{"instance":{"id":"{{{instanceId}}}"}}""";

    private static (string Path, List<KeyValuePair<string, string>> Query) Split(string pathAndQuery)
    {
        var question = pathAndQuery.IndexOf('?');
        var query = new List<KeyValuePair<string, string>>();
        if (question < 0) return (pathAndQuery, query);
        foreach (var pair in pathAndQuery[(question + 1)..].Split('&'))
        {
            var parts = pair.Split('=', 2);
            query.Add(new(Uri.UnescapeDataString(parts[0]), Uri.UnescapeDataString(parts.Length > 1 ? parts[1] : string.Empty)));
        }

        return (pathAndQuery[..question], query);
    }
}
