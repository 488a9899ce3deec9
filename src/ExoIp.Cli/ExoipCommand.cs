using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using ExoIp.Authentication;
using ExoIp.CommandLine;
using ExoIp.Configuration;
using ExoIp.Exoscale;

namespace ExoIp.Cli;

/// <summary>
/// Parses the command line and runs its mode. Exit codes: 0 done, 1 runtime error (API, network, metadata,
/// address in use: the message names it), 2 usage or configuration error, 3 for -C the Elastic IP is not here and
/// for -S no watchdog answers; each error is one line on standard error, never a stack trace.
/// </summary>
internal static class ExoipCommand
{
    private const int RuntimeError = 1;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ParsedCommandLine line;
        try
        {
            // The bad values wait for the mode's own checks: one line names every problem.
            line = CommandLineParser.ParseLeavingBadValues(args, Environment.GetEnvironmentVariable);
        }
        catch (UsageException e)
        {
            return Fail(error, e.Message, UsageException.ExitCode);
        }
        if (line.Mode == CommandLineMode.Help)
        {
            output.Write(CommandLineUsage.Text);
            return 0;
        }
        if (line.Mode == CommandLineMode.Version)
        {
            output.WriteLine(BuildVersion.Line);
            return 0;
        }

        // -O under systemd writes to the journal's socket: its lines then carry their priority and no timestamp.
        using LogSink sink = !line.LogToStdout ? new SyslogSink(Environment.GetEnvironmentVariable)
            : JournalStream.Is(1, Environment.GetEnvironmentVariable) ? new JournalSink(output) : new StdoutSink(output);
        using var context = new CommandLineContext(args, line, sink);
        try
        {
            return line.Mode switch
            {
                CommandLineMode.Watchdog => await WatchdogMode.RunAsync(context, output, CancellationToken.None).ConfigureAwait(false),
                CommandLineMode.Status => StatusMode.Run(context, output, error),
                _ => await AssignmentMode.RunAsync(context, output, CancellationToken.None).ConfigureAwait(false),
            };
        }
        catch (Exception e) when (e is ConfigurationException or AuthKeyException or UsageException)
        {
            return Fail(error, e.Message, UsageException.ExitCode);
        }
        catch (Exception e) when (e is ExoscaleApiException or MetadataUnavailableException)
        {
            return Fail(error, e.Message, RuntimeError);
        }
        catch (IOException e)
        {
            return Fail(error, e.Message, RuntimeError);
        }
    }

    private static int Fail(TextWriter error, string message, int exitCode)
    {
        error.WriteLine("exoip: " + message);
        return exitCode;
    }
}
