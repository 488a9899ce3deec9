using System;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ExoIp.Emulator.Api;

/// <summary>
/// JSON settings for every endpoint: API models and seeds name their fields explicitly; the control API's
/// own types are camelCase; enums kebab-case; nulls are left out; time spans read as "hh:mm:ss[.fff]" or milliseconds.
/// </summary>
internal static class EmulatorJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        // Messages stay readable ('quoted', a+b) rather than HTML-safe; nothing here lands in a web page.
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.Converters.Add(new TimeSpanConverter());
        // Settings such as "timeout-applied" or "operation-conflict", in the seed's kebab-case.
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        return options;
    }

    /// <summary>Scripts write "00:00:02" or 2000 (milliseconds); both mean two seconds.</summary>
    private sealed class TimeSpanConverter : JsonConverter<TimeSpan>
    {
        public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Number
                ? TimeSpan.FromMilliseconds(reader.GetDouble())
                : TimeSpan.TryParse(reader.GetString(), CultureInfo.InvariantCulture, out var value)
                    ? value
                    : throw new JsonException($"'{reader.GetString()}' is not a time span (hh:mm:ss or milliseconds).");

        public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("c", CultureInfo.InvariantCulture));
    }
}
