using System;
using System.Collections.Generic;

namespace ExoIp.Configuration;

/// <summary>A missing or invalid setting. The message names the option and where its value came from.</summary>
public class ConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConfigurationException(string setting, string message, bool missing = false) : base(message)
    {
        Setting = setting;
        IsMissing = missing;
    }

    /// <summary>Several problems as one (see <see cref="ConfigurationProblems"/>): each, in order.</summary>
    internal ConfigurationException(string setting, string message, bool missing, IReadOnlyList<Exception> parts) : this(setting, message, missing) =>
        Parts = parts;

    /// <summary>The problems this one stands for, when it stands for several; null for a single problem.</summary>
    internal IReadOnlyList<Exception>? Parts { get; }

    /// <summary>The setting at fault, by its parameter name (e.g. "ApiKey", "DeadRatio").</summary>
    public string Setting { get; }

    /// <summary>True when the setting has no value at all; false when its value is invalid.</summary>
    public bool IsMissing { get; }
}
