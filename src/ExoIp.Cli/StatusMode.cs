using System;
using System.IO;
using System.Linq;
using ExoIp.CommandLine;
using ExoIp.Configuration;
using ExoIp.Status;

namespace ExoIp.Cli;

/// <summary>
/// -S: asks the watchdog running on this host for its state and prints it for a person, or as JSON with -j. The
/// socket is -s, else IF_STATUS_SOCKET, else the Elastic IP's default one (-xi, IF_ADDRESS), else the only one
/// in /run/exoip. Exit 3 when no watchdog answers.
/// </summary>
internal static class StatusMode
{
    public const int NoAnswerExitCode = 3;

    public static int Run(CommandLineContext context, TextWriter output, TextWriter error)
    {
        context.Settings.Problems().ThrowIfAny();
        var path = SocketPath(context);
        if (path is null || !StatusClient.TryRead(path, out var document))
        {
            error.WriteLine($"exoip: no watchdog answers on {path ?? StatusSocketPath.Directory + "/*.sock"}");
            return NoAnswerExitCode;
        }
        output.Write(context.Line.Settings.ContainsKey("Json") ? document.TrimEnd() + Environment.NewLine : StatusDocument.Describe(document));
        return 0;
    }

    private static string? SocketPath(CommandLineContext context)
    {
        if (context.Sources.FindGiven("StatusSocket", new[] { EnvironmentVariables.StatusSocket }) is { } given) return given.Value;
        if (context.Sources.FindGiven("ElasticIp", new[] { EnvironmentVariables.Address }) is { } eip) return StatusSocketPath.Resolve(context.Sources, eip.Value).Path;
        var sockets = Directory.Exists(StatusSocketPath.Directory) ? Directory.GetFiles(StatusSocketPath.Directory, "*.sock") : Array.Empty<string>();
        if (sockets.Length > 1)
            throw new ConfigurationException("StatusSocket", $"Several watchdogs run here ({string.Join(", ", sockets.Select(Path.GetFileName))}): give -s or -xi.");
        return sockets.FirstOrDefault();
    }
}
