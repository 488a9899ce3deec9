using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace ExoIp.Status;

/// <summary>
/// What a running watchdog answers on its status socket (<c>exoip -S -j</c>): one JSON object with its role,
/// whether the API last said it holds the Elastic IP, its peers (address, alive, priority, seconds since the last
/// advert), health, preemption, the last API action and error, and uptime: a <see cref="StatusReport"/> as JSON.
/// Written by hand with <see cref="Utf8JsonWriter"/>: the native executable is trimmed, without reflection-based
/// serialization.
/// </summary>
public static class StatusDocument
{
    /// <summary>The document for <paramref name="report"/>.</summary>
    public static string Write(StatusReport report, string version)
    {
        if (report is null) throw new ArgumentNullException(nameof(report));
        var snapshot = report.Snapshot;
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("name", snapshot.Name);
            json.WriteString("version", version);
            json.WriteString("elasticIp", snapshot.ElasticIp.ToString());
            json.WriteString("instanceId", snapshot.InstanceId.ToString());
            json.WriteString("bind", snapshot.Bind.ToString());
            json.WriteString("status", snapshot.Status.ToString().ToLowerInvariant());
            json.WriteString("role", snapshot.Role.ToString().ToLowerInvariant());
            WriteBoolean(json, "holdsElasticIp", snapshot.HoldsElasticIp);
            json.WriteNumber("priority", snapshot.Priority);
            json.WriteNumber("advertisedPriority", snapshot.AdvertisedPriority);
            WriteSeconds(json, "uptimeSeconds", report.Uptime);
            json.WriteStartArray("peers");
            foreach (var peer in report.Peers)
            {
                json.WriteStartObject();
                json.WriteString("address", peer.Address.ToString());
                json.WriteBoolean("alive", peer.Alive);
                if (peer.Priority is { } priority) json.WriteNumber("priority", priority);
                else json.WriteNull("priority");
                WriteSeconds(json, "secondsSinceLastAdvert", peer.SinceLastAdvert);
                json.WriteBoolean("master", peer.Master);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartObject("health");
            json.WriteString("status", snapshot.Health?.ToString().ToLowerInvariant() ?? "unchecked");
            if (snapshot.HealthReason is { } reason) json.WriteString("reason", reason);
            json.WriteEndObject();
            json.WriteStartObject("preemption");
            json.WriteBoolean("noPreempt", report.Preemption.NoPreempt);
            json.WriteNumber("delaySeconds", report.Preemption.Delay.TotalSeconds);
            json.WriteBoolean("deferring", report.Preemption.Deferring);
            json.WriteEndObject();
            WriteAction(json, "lastApiAction", report.LastApiAction);
            WriteAction(json, "lastApiError", report.LastApiError);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The document for a person: a line per fact, as <c>exoip -S</c> prints it.</summary>
    /// <exception cref="JsonException">The text is not a status document.</exception>
    public static string Describe(string document)
    {
        using var parsed = JsonDocument.Parse(document);
        var root = parsed.RootElement;
        string Text(JsonElement element, string name) => element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.ToString() : "-";
        var lines = new StringBuilder();
        var holds = root.GetProperty("holdsElasticIp").ValueKind switch
        {
            JsonValueKind.True => "holds it",
            JsonValueKind.False => "does not hold it",
            _ => "not known yet whether it holds it",
        };
        lines.AppendLine($"Watchdog {Text(root, "name")}: {Text(root, "role")}, Elastic IP {Text(root, "elasticIp")}: {holds}");
        lines.AppendLine($"  {Text(root, "version")}, up {Text(root, "uptimeSeconds")} s");
        lines.AppendLine($"  instance {Text(root, "instanceId")} on {Text(root, "bind")}, priority {Text(root, "priority")} (advertised {Text(root, "advertisedPriority")})");
        var health = root.GetProperty("health");
        lines.AppendLine($"  health: {Text(health, "status")}" + (health.TryGetProperty("reason", out var why) ? $" ({why})" : ""));
        var preemption = root.GetProperty("preemption");
        lines.AppendLine($"  preemption: {(preemption.GetProperty("noPreempt").GetBoolean() ? "never (-Pn)" : $"after {Text(preemption, "delaySeconds")} s")}"
            + (preemption.GetProperty("deferring").GetBoolean() ? ", deferring (advertising 254)" : ""));
        foreach (var peer in root.GetProperty("peers").EnumerateArray())
        {
            lines.AppendLine($"  peer {Text(peer, "address")}: {(peer.GetProperty("alive").GetBoolean() ? "alive" : "dead")}, priority {Text(peer, "priority")}, "
                + $"last advert {Text(peer, "secondsSinceLastAdvert")} s ago{(peer.GetProperty("master").GetBoolean() ? ", master" : "")}");
        }
        lines.AppendLine($"  last API action: {Action(root.GetProperty("lastApiAction"))}");
        lines.AppendLine($"  last API error: {Action(root.GetProperty("lastApiError"))}");
        return lines.ToString();
    }

    private static string Action(JsonElement action) => action.ValueKind == JsonValueKind.Null
        ? "none"
        : $"{action.GetProperty("action").GetString()} {action.GetProperty("outcome").GetString()} {action.GetProperty("secondsAgo").GetDouble().ToString(CultureInfo.InvariantCulture)} s ago"
            + (action.TryGetProperty("error", out var error) ? $": {error.GetString()}" : "");

    private static void WriteAction(Utf8JsonWriter json, string name, ApiActionStatus? action)
    {
        if (action is null)
        {
            json.WriteNull(name);
            return;
        }
        json.WriteStartObject(name);
        json.WriteString("action", action.Action?.ToString().ToLowerInvariant());
        json.WriteString("outcome", action.Outcome?.ToString().ToLowerInvariant());
        WriteSeconds(json, "secondsAgo", action.Age);
        if (action.Error is { } error) json.WriteString("error", error);
        json.WriteEndObject();
    }

    private static void WriteSeconds(Utf8JsonWriter json, string name, TimeSpan? span)
    {
        if (span is { } known) json.WriteNumber(name, Math.Round(known.TotalSeconds, 1));
        else json.WriteNull(name);
    }

    private static void WriteBoolean(Utf8JsonWriter json, string name, bool? value)
    {
        if (value is { } known) json.WriteBoolean(name, known);
        else json.WriteNull(name);
    }
}
