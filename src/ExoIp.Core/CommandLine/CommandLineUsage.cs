using System.Linq;
using System.Text;

namespace ExoIp.CommandLine;

/// <summary>The usage text of <c>exoip -h</c>, made from <see cref="CommandLineOptions.All"/>.</summary>
public static class CommandLineUsage
{
    /// <summary>The whole text, ending with a newline.</summary>
    public static string Text { get; } = Build();

    private static string Build()
    {
        var text = new StringBuilder();
        text.AppendLine("Usage: exoip -A|-D|-C|-W|-S [options]");
        text.AppendLine("Keeps an Exoscale Elastic IP on exactly one live host of a group (the original exoip's command line).");
        text.AppendLine();
        var width = CommandLineOptions.All.Max(o => Left(o).Length) + 2;
        foreach (var option in CommandLineOptions.All)
        {
            var line = Left(option).PadRight(width) + option.Help;
            if (option.Variables.Count > 0) line += " [" + string.Join(", ", option.Variables) + "]";
            if (option.WatchdogOnly) line += " (-W)";
            text.AppendLine("  " + line);
        }
        text.AppendLine();
        text.AppendLine("A flag wins over its variable. SIGTERM or SIGINT release the Elastic IP and exit 0; SIGUSR1 lowers the");
        text.AppendLine("priority by one (more likely master), SIGUSR2 raises it; SIGHUP re-reads the -f file (a flag wins over the file,");
        text.AppendLine("the file over the environment).");
        text.AppendLine("Exit codes: 0 done, 1 runtime error (API, network, metadata), 2 usage or configuration error, 3 (-C) the");
        text.AppendLine("Elastic IP is not on this instance or (-S) no watchdog answers.");
        return text.ToString();
    }

    private static string Left(CommandLineOption option) => option.TakesValue ? $"{option.Flag} {option.ValueName}" : option.Flag;
}
