using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Tomlyn;
using Tomlyn.Model;

namespace ExoIp.Configuration;

/// <summary>
/// Exoscale's own configuration file, exoscale.toml (<c>defaultAccount</c> and <c>[[accounts]]</c>), found and
/// read as Exoscale's CLI does: <c>EXOSCALE_CONFIG</c> names it, else the usual places are searched; keys are
/// case-insensitive (the CLI reads the file with viper); <c>EXOSCALE_ACCOUNT</c> or <c>defaultAccount</c> picks
/// the account.
/// </summary>
public static class ExoscaleConfigFile
{
    /// <summary>
    /// The places searched, in order, as Exoscale's CLI searches them: its configuration folder (Go's user
    /// configuration folder plus "exoscale": ~/.config/exoscale or $XDG_CONFIG_HOME/exoscale on Linux,
    /// ~/Library/Application Support/exoscale on macOS, %AppData%\exoscale on Windows; ~/.exoscale under a
    /// snap), then ~/.exoscale, ~, and the current directory.
    /// </summary>
    public static IEnumerable<string> SearchPaths() => SearchPaths(
        Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        Directory.GetCurrentDirectory(), ConfigPlatformDetection.Current);

    /// <summary><see cref="SearchPaths()"/> for a given environment, home, current directory and platform.</summary>
    internal static IEnumerable<string> SearchPaths(Func<string, string?> environment, string? home, string currentDirectory, ConfigPlatform platform)
    {
        var configFolder = environment("SNAP_USER_COMMON") is not null
            ? Combine(home, ".exoscale")
            : Combine(UserConfigDirectory(environment, home, platform), "exoscale");
        if (configFolder is not null) yield return Path.Combine(configFolder, "exoscale.toml");
        if (!string.IsNullOrEmpty(home))
        {
            yield return Path.Combine(home, ".exoscale", "exoscale.toml");
            yield return Path.Combine(home, "exoscale.toml");
        }
        yield return Path.Combine(currentDirectory, "exoscale.toml");
    }

    // Go's os.UserConfigDir, which the CLI asks.
    private static string? UserConfigDirectory(Func<string, string?> environment, string? home, ConfigPlatform platform) => platform switch
    {
        ConfigPlatform.Windows => NonEmpty(environment("APPDATA")),
        ConfigPlatform.MacOS => Combine(home, "Library", "Application Support"),
        _ => environment("XDG_CONFIG_HOME") is { } xdg && Path.IsPathRooted(xdg) ? xdg : Combine(home, ".config"),
    };

    private static string? Combine(string? folder, params string[] parts) =>
        string.IsNullOrEmpty(folder) ? null : Path.Combine(new[] { folder! }.Concat(parts).ToArray());

    /// <summary>
    /// The account the environment selects: the file <c>EXOSCALE_CONFIG</c> names (it must exist), else the
    /// first of <see cref="SearchPaths"/>; the account <c>EXOSCALE_ACCOUNT</c> names, else the file's default.
    /// Null when no file is found.
    /// </summary>
    /// <exception cref="ConfigurationException">The named file is missing or invalid, or the account is unknown.</exception>
    public static ExoscaleAccount? FromEnvironment(Func<string, string?> environment)
    {
        var accountName = NonEmpty(environment(EnvironmentVariables.ExoscaleAccount));
        var named = NonEmpty(environment(EnvironmentVariables.ExoscaleConfig));
        if (named is null) return FindAccount(SearchPaths(), accountName);
        if (!File.Exists(named))
            throw new ConfigurationException("ExoscaleConfig", $"{EnvironmentVariables.ExoscaleConfig} names {named}, which does not exist.");
        return ReadAccount(named, File.ReadAllText(named), accountName);
    }

    /// <summary>
    /// Reads the first file found and returns the account named by <paramref name="accountName"/>, else
    /// the file's <c>defaultAccount</c>, else its only account; null when there is no file.
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

        var accounts = Value(document, "accounts") is TomlTableArray array
            ? array.Select(table => ToAccount(table, path)).ToList()
            : new List<ExoscaleAccount>();
        var wanted = accountName ?? NonEmpty(Value(document, "defaultAccount") as string);
        if (wanted is null)
        {
            if (accounts.Count <= 1) return accounts.FirstOrDefault();
            throw new ConfigurationException("ExoscaleAccount",
                $"{path} has {accounts.Count} accounts ({Names(accounts)}) and no defaultAccount: set {EnvironmentVariables.ExoscaleAccount} to one of them.");
        }
        return accounts.FirstOrDefault(a => a.Name == wanted)
            ?? throw new ConfigurationException("ExoscaleAccount",
                $"{path} has no account named '{wanted}' (it has {(accounts.Count == 0 ? "none" : Names(accounts))}).");
    }

    private static ExoscaleAccount ToAccount(TomlTable table, string path)
    {
        string? Text(string key) => NonEmpty(Value(table, key) as string);
        var command = Value(table, "secretCommand") switch
        {
            TomlArray items => items.Select(item => item as string ?? Convert.ToString(item, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToList(),
            string single => new List<string> { single },
            _ => null,
        };
        return new ExoscaleAccount(
            Text("name") ?? "(unnamed)", Text("key"), Text("secret"), Text("defaultZone"), Text("endpoint"), path, command);
    }

    // viper folds keys to lower case: defaultZone, defaultzone and DEFAULTZONE are one key.
    private static object? Value(TomlTable table, string key) =>
        table.FirstOrDefault(entry => string.Equals(entry.Key, key, StringComparison.OrdinalIgnoreCase)).Value;

    private static string Names(IEnumerable<ExoscaleAccount> accounts) => string.Join(", ", accounts.Select(a => "'" + a.Name + "'"));

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text!.Trim();
}
