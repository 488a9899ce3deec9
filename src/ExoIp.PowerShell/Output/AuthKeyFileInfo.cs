namespace ExoIp.PowerShell.Output;

/// <summary>A key file New-ExoIpAuthKey wrote: where, and the id its adverts will carry (never the key).</summary>
public sealed class AuthKeyFileInfo
{
    internal AuthKeyFileInfo(string path, string keyId)
    {
        Path = path;
        KeyId = keyId;
    }

    /// <summary>The key file's full path.</summary>
    public string Path { get; }

    /// <summary>The key's id, 8 hexadecimal digits, as adverts and Get-ExoIpWatchdog show it.</summary>
    public string KeyId { get; }
}
