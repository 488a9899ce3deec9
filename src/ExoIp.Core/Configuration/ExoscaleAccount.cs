namespace ExoIp.Configuration;

/// <summary>One <c>[[accounts]]</c> entry of Exoscale's exoscale.toml.</summary>
public sealed class ExoscaleAccount
{
    /// <summary>Creates an account entry.</summary>
    public ExoscaleAccount(string name, string? key, string? secret, string? defaultZone, string? endpoint, string path)
    {
        Name = name;
        Key = key;
        Secret = secret;
        DefaultZone = defaultZone;
        Endpoint = endpoint;
        Path = path;
    }

    /// <summary>The account's name.</summary>
    public string Name { get; }
    /// <summary>API key.</summary>
    public string? Key { get; }
    /// <summary>API secret.</summary>
    public string? Secret { get; }
    /// <summary>Default zone.</summary>
    public string? DefaultZone { get; }
    /// <summary>API endpoint override.</summary>
    public string? Endpoint { get; }
    /// <summary>The file it was read from.</summary>
    public string Path { get; }

    /// <summary>How a setting's source is named, e.g. "exoscale.toml account 'prod' (/home/u/.config/exoscale/exoscale.toml)".</summary>
    public string Description => $"exoscale.toml account '{Name}' ({Path})";
}
