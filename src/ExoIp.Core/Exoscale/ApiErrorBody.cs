using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace ExoIp.Exoscale;

/// <summary>
/// Reads the explanation out of an API error body, as egoscale does: compute endpoints' <c>{"message": "..."}</c>
/// (or <c>{"error": "..."}</c>), RFC 9457 problem details (<c>title</c>, <c>detail</c>, and <c>errors</c> as strings
/// or <c>{"detail", "location"}</c> objects), and a body that is not JSON (a proxy's 502 page) as its text.
/// </summary>
internal static class ApiErrorBody
{
    // Long enough for any real explanation; keeps a misbehaving server from flooding messages and logs.
    private const int MaxLength = 300;

    /// <summary>The explanation, or null when the body has none (empty, or JSON without any of the fields).</summary>
    public static string? Explanation(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body!);
        }
        catch (JsonException)
        {
            return Plain(body!);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            var parts = new List<string>();
            // The compute endpoints' message says it all; problem details split it into title and detail.
            if ((Text(root, "message") ?? Text(root, "error")) is { } message) Add(parts, message);
            else
            {
                Add(parts, Text(root, "title"));
                Add(parts, Text(root, "detail"));
            }
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
                foreach (var entry in errors.EnumerateArray()) Add(parts, Entry(entry));
            return parts.Count == 0 ? null : Truncate(string.Join(": ", parts));
        }
    }

    // An entry of "errors": a string, or {"detail": "...", "location": "$['field']"}.
    private static string? Entry(JsonElement entry)
    {
        if (entry.ValueKind == JsonValueKind.String) return NonBlank(entry.GetString());
        if (entry.ValueKind != JsonValueKind.Object) return null;
        var detail = Text(entry, "detail");
        var location = Text(entry, "location");
        return detail is null ? null : location is null ? detail : $"{location} {detail}";
    }

    private static void Add(List<string> parts, string? text)
    {
        if (text is not null && !parts.Contains(text)) parts.Add(text);
    }

    // An HTML error page reads as its text; anything else as it is, on one line.
    private static string? Plain(string body) => NonBlank(HtmlText.Of(body)) is { } text ? Truncate(text) : null;

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? NonBlank(value.GetString()) : null;

    private static string? NonBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text!.Trim();

    private static string Truncate(string text) => text.Length <= MaxLength ? text : text.Substring(0, MaxLength) + "…";
}
