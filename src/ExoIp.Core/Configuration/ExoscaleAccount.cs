using System;
using System.Collections.Generic;

namespace ExoIp.Configuration;

/// <summary>One <c>[[accounts]]</c> entry of Exoscale's exoscale.toml.</summary>
public sealed class ExoscaleAccount
{
    /// <summary>Creates an account entry.</summary>
    public ExoscaleAccount(
        string name, string? key, string? secret, string? defaultZone, string? endpoint, string path,
        IReadOnlyList<string>? secretCommand = null)
    {
        Name = name;
        Key = key;
        Secret = secret;
        DefaultZone = defaultZone;
        Endpoint = endpoint;
        Path = path;
        SecretCommand = secretCommand;
    }

    /// <summary>The account's name.</summary>
    public string Name { get; }
    /// <summary>API key.</summary>
    public string? Key { get; }
    /// <summary>API secret, when the file holds it.</summary>
    public string? Secret { get; }
    /// <summary>A command (program and arguments) whose standard output is the secret, as the CLI's <c>secretCommand</c>.</summary>
    public IReadOnlyList<string>? SecretCommand { get; }
    /// <summary>Default zone.</summary>
    public string? DefaultZone { get; }
    /// <summary>API endpoint override.</summary>
    public string? Endpoint { get; }
    /// <summary>The file it was read from.</summary>
    public string Path { get; }

    /// <summary>How a setting's source is named, e.g. "exoscale.toml account 'prod' (/home/u/.config/exoscale/exoscale.toml)".</summary>
    public string Description => $"exoscale.toml account '{Name}' ({Path})";

    /// <summary>
    /// The secret: the output of <see cref="SecretCommand"/> (run now, each call) when the account has one, as
    /// Exoscale's CLI prefers it to <see cref="Secret"/>; else <see cref="Secret"/>; null when it has neither.
    /// </summary>
    /// <exception cref="ConfigurationException">The command failed; the message names the account, never the output.</exception>
    public string? ReadSecret(TimeSpan? timeout = null) =>
        SecretCommand is { Count: > 0 } command
            ? Configuration.SecretCommand.Run(command, this, timeout ?? Configuration.SecretCommand.DefaultTimeout)
            : Secret;
}
