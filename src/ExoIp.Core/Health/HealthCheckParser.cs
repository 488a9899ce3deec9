using System;
using ExoIp.Processes;

namespace ExoIp.Health;

/// <summary>Turns what a user writes (<c>-HealthCheck</c>, <c>IF_HEALTH_CHECK</c>, <c>-HealthCheckCommand</c>) into checks.</summary>
public static class HealthCheckParser
{
    /// <summary>
    /// A check from <c>tcp://host:port</c>, <c>http://host[:port]/path</c> or <c>https://…</c>.
    /// </summary>
    /// <param name="text">The check.</param>
    /// <param name="skipCertificateCheck">For https://: accept any certificate.</param>
    /// <exception cref="FormatException">Not one of those forms; the message says what is wrong.</exception>
    public static IHealthCheck Parse(string text, bool skipCertificateCheck = false)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new FormatException("The health check is empty: give tcp://host:port, http://… or https://….");
        var trimmed = text.Trim();
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
            throw new FormatException($"'{trimmed}' is not a health check: give tcp://host:port, http://… or https://… (a command goes in -HealthCheckCommand).");
        switch (uri.Scheme)
        {
            case "tcp":
                if (uri.IsDefaultPort || uri.Port < 1) throw new FormatException($"'{trimmed}' needs a port: tcp://host:port.");
                if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.UserInfo.Length > 0)
                    throw new FormatException($"'{trimmed}' has more than a host and a port: tcp://host:port.");
                return new TcpHealthCheck(uri.IdnHost.Trim('[', ']'), uri.Port);
            case "http":
            case "https":
                return new HttpHealthCheck(uri, skipCertificateCheck);
            default:
                throw new FormatException($"'{trimmed}': the scheme '{uri.Scheme}' is not tcp, http or https.");
        }
    }

    /// <summary>A check running <paramref name="commandLine"/> (split by <see cref="ArgumentSplitter"/>, no shell).</summary>
    /// <exception cref="FormatException">Empty, an unclosed quote, or the executable is not found.</exception>
    public static IHealthCheck ParseCommand(string commandLine) => new CommandHealthCheck(ExternalCommand.Parse(commandLine));
}
