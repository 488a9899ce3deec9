using System;

namespace ExoIp.Exoscale;

/// <summary>An Exoscale API key and its secret. The secret never appears in <see cref="ToString"/>.</summary>
public sealed class ApiCredentials
{
    /// <summary>Creates credentials; both parts are required.</summary>
    public ApiCredentials(string key, string secret)
    {
        if (string.IsNullOrWhiteSpace(key)) throw new ArgumentException("The API key is empty.", nameof(key));
        if (string.IsNullOrEmpty(secret)) throw new ArgumentException("The API secret is empty.", nameof(secret));
        Key = key.Trim();
        Secret = secret;
    }

    /// <summary>The API key (public: it names the key, it does not prove anything).</summary>
    public string Key { get; }

    /// <summary>The API secret. Handle with care: never log or print it.</summary>
    public string Secret { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Key} (secret hidden)";
}
