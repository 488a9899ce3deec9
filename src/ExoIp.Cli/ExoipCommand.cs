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
/// address in use: the message names it), 2 usage or configuration error; each error is one line on standard error, never a stack trace.
/// </summary>
internal static class ExoipCommand
{
    private const int RuntimeError = 1;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ParsedCommandLine line;
        try
        {
            line = CommandLineParser.Parse(args);
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

        using LogSink sink = line.LogToStdout ? new StdoutSink(output) : new SyslogSink();
        using var context = new CommandLineContext(line, sink);
        try
        {
            return line.Mode == CommandLineMode.Watchdog
                ? await WatchdogMode.RunAsync(context, output, CancellationToken.None).ConfigureAwait(false)
                : await AssignmentMode.RunAsync(context, output, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ConfigurationException or AuthKeyException)
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
