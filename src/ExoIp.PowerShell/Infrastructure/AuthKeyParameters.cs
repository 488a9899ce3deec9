using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using ExoIp.Authentication;

namespace ExoIp.PowerShell.Infrastructure;

/// <summary>Turns -AuthKey (SecureStrings) or -AuthKeyFile (paths) into a key ring; the first key signs.</summary>
internal static class AuthKeyParameters
{
    /// <summary>The ring of the keys given, or null when neither parameter was.</summary>
    /// <exception cref="AuthKeyException">A key is too short, a file missing, unreadable or too open, or more than two keys.</exception>
    /// <exception cref="PSArgumentException">Both parameters were given.</exception>
    public static AuthKeyRing? Resolve(PSCmdlet cmdlet, IReadOnlyList<SecureString>? keys, IReadOnlyList<string>? files)
    {
        var hasKeys = keys is { Count: > 0 };
        var hasFiles = files is { Count: > 0 };
        if (hasKeys && hasFiles) throw new PSArgumentException("Give -AuthKey or -AuthKeyFile, not both.", "AuthKeyFile");
        if (!hasKeys && !hasFiles) return null;

        var ring = new List<AuthKey>();
        if (hasKeys)
        {
            for (var i = 0; i < keys!.Count; i++) ring.Add(AuthKey.FromSecureString(keys[i], $"-AuthKey (key {i + 1})"));
        }
        else
        {
            foreach (var file in files!) ring.Add(AuthKeyFile.Read(cmdlet.GetUnresolvedProviderPathFromPSPath(file)));
        }
        return AuthKeyRing.From(ring);
    }
}
