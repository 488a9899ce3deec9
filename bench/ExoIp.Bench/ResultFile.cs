using System.IO;
using System.Text.Json;

namespace ExoIp.Bench;

/// <summary>Writes a command's figures as indented camelCase JSON, the form bench/Invoke-Bench.ps1 and the tests read.</summary>
internal static class ResultFile
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
    };

    /// <summary>Writes <paramref name="result"/> to <paramref name="path"/>, creating its folder.</summary>
    public static void Write<T>(string path, T result)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        File.WriteAllText(path, JsonSerializer.Serialize(result, Json));
    }
}
