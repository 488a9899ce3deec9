using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ExoIp.Exoscale;

/// <summary>Reads API answers into the models; an answer that does not fit is the API's failure, not the caller's.</summary>
internal static class ApiJson
{
    /// <summary>Reads a single resource.</summary>
    public static T Read<T>(string body, ApiRequest request) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(body, TypeInfo<T>()) ?? throw Unexpected(request, "it is null");
        }
        catch (JsonException e)
        {
            throw Unexpected(request, e.Message);
        }
    }

    /// <summary>Reads a list wrapped in an object, e.g. <c>{"elastic-ips": [...]}</c>; a missing property is an empty list.</summary>
    public static IReadOnlyList<T> ReadList<T>(string body, string property, ApiRequest request)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw Unexpected(request, "it is not an object");
            if (!document.RootElement.TryGetProperty(property, out var items) || items.ValueKind == JsonValueKind.Null)
                return new List<T>();
            return items.Deserialize(TypeInfo<List<T>>()) ?? new List<T>();
        }
        catch (JsonException e)
        {
            throw Unexpected(request, e.Message);
        }
    }

    /// <summary>The body to send to attach or detach: <c>{"instance":{"id":"..."}}</c>.</summary>
    public static string InstanceReference(string instanceId) =>
        JsonSerializer.Serialize(new InstanceReferenceBody(instanceId), ApiJsonContext.Default.InstanceReferenceBody);

    // The generated contract; a model missing from ApiJsonContext is a programming error, found by the first test that reads it.
    private static JsonTypeInfo<T> TypeInfo<T>() =>
        (JsonTypeInfo<T>?)ApiJsonContext.Default.GetTypeInfo(typeof(T))
        ?? throw new System.InvalidOperationException($"{typeof(T).Name} is not registered in {nameof(ApiJsonContext)}.");

    private static ExoscaleUnavailableException Unexpected(ApiRequest request, string why) =>
        new($"The answer to {request.MethodName} {request.Resource} is not the expected JSON: {why}.");
}
