using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Linq;
using System.Text;
using ExoIp.Processes;

namespace ExoIp.Configuration;

/// <summary>
/// Runs an exoscale.toml account's <c>secretCommand</c> (e.g. <c>["pass", "show", "exoscale/prod"]</c>) the way
/// Exoscale's CLI does: the program itself, no shell, the secret being its standard output less its trailing
/// newlines (nothing else is trimmed: a secret may end in a space). Bounded by a timeout; standard error and input
/// stay the caller's (a pinentry may ask); the credential variables do not reach it.
/// </summary>
public static class SecretCommand
{
    /// <summary>How long the command may take by default (long enough for a passphrase prompt).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs the command and returns the secret it printed.</summary>
    /// <exception cref="ConfigurationException">
    /// The program cannot start, fails, prints nothing or outlives the timeout; the message names the account and
    /// the program, never what it printed.
    /// </exception>
    public static string Run(IReadOnlyList<string> command, ExoscaleAccount account, TimeSpan timeout)
    {
        if (command.Count == 0 || string.IsNullOrWhiteSpace(command[0]))
            throw Failed(account, "(empty)", "is empty");
        var program = command[0];
        var start = new ProcessStartInfo(program, ArgumentQuoting.Join(command.Skip(1)))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        ChildEnvironment.RemoveCredentials(start);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw Failed(account, program, "did not start");
        }
        catch (Win32Exception e)
        {
            throw Failed(account, program, $"could not be started ({e.Message})");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit((int)Math.Min(int.MaxValue, timeout.TotalMilliseconds)))
            {
                try
                {
                    process.Kill();
                }
                catch (InvalidOperationException)
                {
                    // It ended in between.
                }
                throw Failed(account, program, $"did not finish within {Exoscale.DurationText.Of(timeout)}");
            }
            process.WaitForExit();
            if (process.ExitCode != 0) throw Failed(account, program, $"exited with code {process.ExitCode}");
            var secret = output.GetAwaiter().GetResult().TrimEnd('\n');
            if (secret.Length == 0) throw Failed(account, program, "printed nothing");
            return secret;
        }
    }

    private static ConfigurationException Failed(ExoscaleAccount account, string program, string what) =>
        new("ApiSecret", $"The secretCommand of {account.Description} ('{program}') {what}; no API secret.");
}
