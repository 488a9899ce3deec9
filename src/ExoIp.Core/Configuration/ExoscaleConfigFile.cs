using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Tomlyn;
using Tomlyn.Model;

namespace ExoIp.Configuration;

/// <summary>
/// Exoscale's own configuration file, exoscale.toml (<c>defaultaccount</c> and <c>[[accounts]]</c>), read
/// from where Exoscale's CLI looks for it.
/// </summary>
public static class ExoscaleConfigFile
{
    /// <summary>The places searched, in order: the user config dir, ~/.exoscale, ~, the current directory.</summary>
    public static IEnumerable<string> SearchPaths()
    {
        var config = Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData);
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (!string.IsNullOrEmpty(config)) yield return Path.Combine(config, "exoscale", "exoscale.toml");
        if (!string.IsNullOrEmpty(home))
        {
            yield return Path.Combine(home, ".exoscale", "exoscale.toml");
            yield return Path.Combine(home, "exoscale.toml");
        }
        yield return Path.Combine(Directory.GetCurrentDirectory(), "exoscale.toml");
    }

    /// <summary>
    /// Reads the first file found and returns the account named by <paramref name="accountName"/>, else
    /// the file's <c>defaultaccount</c>, else its only account; null when there is no file.
    /// </summary>
    /// <exception cref="ConfigurationException">The file is not valid TOML or names an unknown account.</exception>
    public static ExoscaleAccount? FindAccount(IEnumerable<string> paths, string? accountName)
    {
        var path = paths.FirstOrDefault(File.Exists);
        return path is null ? null : ReadAccount(path, File.ReadAllText(path), accountName);
    }

    /// <summary>Parses exoscale.toml text; see <see cref="FindAccount"/>.</summary>
    public static ExoscaleAccount? ReadAccount(string path, string text, string? accountName)
    {
        TomlTable document;
        try
        {
            document = TomlSerializer.Deserialize(text, ExoscaleTomlContext.Default.TomlTable)!;
        }
        catch (TomlException)
        {
            // The parser's message may quote the offending line, which may hold the secret.
            throw new ConfigurationException("ExoscaleConfig", $"{path} is not valid TOML.");
        }

        var accounts = document.TryGetValue("accounts", out var list) && list is TomlTableArray array
            ? array.Select(table => ToAccount(table, path)).ToList()
            : new List<ExoscaleAccount>();
        var wanted = accountName ?? (document.TryGetValue("defaultaccount", out var name) ? name as string : null);
        if (wanted is null) return accounts.Count == 1 ? accounts[0] : null;
        return accounts.FirstOrDefault(a => a.Name == wanted)
            ?? throw new ConfigurationException("ExoscaleAccount", $"{path} has no account named '{wanted}'.");
    }

    private static ExoscaleAccount ToAccount(TomlTable table, string path)
    {
        string? Text(string key) => table.TryGetValue(key, out var value) ? value as string : null;
        return new ExoscaleAccount(Text("name") ?? "(unnamed)", Text("key"), Text("secret"), Text("defaultZone"), Text("endpoint"), path);
    }
}
