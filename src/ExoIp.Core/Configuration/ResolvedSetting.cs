namespace ExoIp.Configuration;

/// <summary>A configuration value and where it came from (for Verbose output and error messages).</summary>
public sealed class ResolvedSetting
{
    /// <summary>Creates a resolved setting.</summary>
    public ResolvedSetting(string value, string source)
    {
        Value = value;
        Source = source;
    }

    /// <summary>The raw text of the value.</summary>
    public string Value { get; }

    /// <summary>Where it came from: "-ApiKey", "IF_EXOSCALE_API_KEY", "exoscale.toml account 'prod'", "default".</summary>
    public string Source { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Value} (from {Source})";
}
