using System;
using System.Collections.Generic;
using System.Linq;
using ExoIp.Authentication;

namespace ExoIp.Configuration;

/// <summary>
/// The advert keys from their sources: the AuthKeyFile parameter, else IF_AUTH_KEY_FILE (ifupdown's
/// <c>auth-key-file</c>). One path, or two comma-separated during a rotation: the first signs, both verify.
/// </summary>
public static class AuthSettings
{
    /// <summary>The key ring, or null when no key file is configured (adverts are the original's 24 bytes).</summary>
    /// <exception cref="AuthKeyException">A file is missing, unreadable or too open, a key too short, or more than two files;
    /// the message says where the path came from.</exception>
    public static AuthKeyRing? Resolve(SettingSources sources, ICollection<string> origins)
    {
        if (sources is null) throw new ArgumentNullException(nameof(sources));
        var setting = sources.Find("AuthKeyFile", new[] { EnvironmentVariables.AuthKeyFile });
        if (setting is null) return null;
        var paths = setting.Value.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        try
        {
            var ring = AuthKeyRing.From(paths.Select(AuthKeyFile.Read).ToList());
            origins?.Add($"AuthKeyFile {setting.Value} from {setting.Source}: key {ring}");
            return ring;
        }
        catch (AuthKeyException ex)
        {
            throw new AuthKeyException(ex.Problem, $"{ex.Message} (AuthKeyFile from {setting.Source})", ex);
        }
    }
}
