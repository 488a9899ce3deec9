using System.Text.Json;

namespace ExoIp.Exoscale;

/// <summary>
/// Reads the explanation out of an API error body, in either style Exoscale uses: compute endpoints'
/// <c>{"message": "..."}</c> and RFC 9457 problem details <c>{"title": "...", "detail": "..."}</c>.
/// </summary>
internal static class ApiErrorBody
{
    // Long enough for any real explanation; keeps a misbehaving server from flooding messages and logs.
    private const int MaxLength = 300;

    /// <summary>The explanation, or null when the body has none (empty, not JSON, or neither style).</summary>
    public static string? Explanation(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            using var document = JsonDocument.Parse(body!);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            var message = Text(root, "message");
            if (message is not null) return Truncate(message);
            var title = Text(root, "title");
            var detail = Text(root, "detail");
            if (title is null) return detail is null ? null : Truncate(detail);
            return Truncate(detail is null || detail == title ? title : title + ": " + detail);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String &&
        !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!.Trim()
            : null;

    private static string Truncate(string text) => text.Length <= MaxLength ? text : text.Substring(0, MaxLength) + "…";
}
