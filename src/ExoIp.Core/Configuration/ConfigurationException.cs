using System;

namespace ExoIp.Configuration;

/// <summary>A missing or invalid setting. The message names the option and where its value came from.</summary>
public sealed class ConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConfigurationException(string setting, string message, bool missing = false) : base(message)
    {
        Setting = setting;
        IsMissing = missing;
    }

    /// <summary>The setting at fault, by its parameter name (e.g. "ApiKey", "DeadRatio").</summary>
    public string Setting { get; }

    /// <summary>True when the setting has no value at all; false when its value is invalid.</summary>
    public bool IsMissing { get; }
}
