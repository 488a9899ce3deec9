using System.Linq;
using System.Text;

namespace ExoIp.CommandLine;

/// <summary>
/// exoip(8), in roff, made at build time from <see cref="CommandLineOptions.All"/> like <c>exoip -h</c>
/// (<see cref="CommandLineUsage"/>), so the two cannot drift: every flag with its variables, then the
/// configuration file, exit codes, signals, files and examples.
/// </summary>
public static class CommandLineManPage
{
    /// <summary>The whole page for <paramref name="version"/>, ending with a newline.</summary>
    public static string Text(string version)
    {
        var page = new StringBuilder();
        page.AppendLine($".TH EXOIP 8 \"\" \"exoip {Escape(version)}\" \"System Administration\"");
        page.AppendLine(".nh"); // variable names are not to be hyphenated
        page.AppendLine(".SH NAME");
        page.AppendLine("exoip \\- keep an Exoscale Elastic IP on exactly one live host of a group");
        page.AppendLine(".SH SYNOPSIS");
        page.AppendLine(".B exoip");
        page.AppendLine("\\-A|\\-D|\\-C|\\-W|\\-S [\\fIoptions\\fR]");
        page.AppendLine(".br");
        page.AppendLine(".B exoip");
        page.AppendLine("\\-h|\\-V");
        page.AppendLine(".SH DESCRIPTION");
        Paragraph(page, "Every host of the group runs exoip -W, a watchdog that sends a 24-byte UDP advertisement to its peers every interval. "
            + "A peer silent for more than interval x dead ratio is dead; the live host with the lowest priority value is master and holds "
            + "the Elastic IP, which the watchdog attaches and detaches through the Exoscale API v2. exoip -A and exoip -D attach and detach it once, then exit.");
        Paragraph(page, "A flag wins over the configuration file (-f), and the file over the environment. Under systemd (Type=notify) the watchdog "
            + "tells systemd when it is ready, keeps a status line current, pings the service watchdog from its decision loop, "
            + "and re-reads the file on SIGHUP.");
        page.AppendLine(".SH OPTIONS");
        foreach (var option in CommandLineOptions.All)
        {
            page.AppendLine(".TP");
            page.AppendLine(option.TakesValue ? $".BI {Escape(option.Flag)} \" {Escape(option.ValueName!)}\"" : $".B {Escape(option.Flag)}");
            var text = option.Help;
            if (option.Variables.Count > 0) text += "; variable " + string.Join(", ", option.Variables);
            if (option.WatchdogOnly) text += " (-W only)";
            page.AppendLine(Escape(text) + ".");
        }
        page.AppendLine(".SH CONFIGURATION FILE");
        Paragraph(page, "exoip -f FILE reads KEY=VALUE lines in the syntax of systemd's EnvironmentFile=: the variables above "
            + "(and EXOSCALE_API_KEY, EXOSCALE_API_SECRET, EXOSCALE_ZONE, EXOSCALE_API_ENDPOINT, IF_EXOSCALE_ZONE), one per line; "
            + "blank lines and lines starting with # or ; are ignored; a value may be quoted. A # after a value is part of the value. "
            + "A name exoip does not read is an error that names its line. The file may hold the API secret: keep it mode 0600.");
        page.AppendLine(".SH EXIT STATUS");
        Definition(page, "0", "done; a watchdog stopped by SIGTERM or SIGINT.");
        Definition(page, "1", "a runtime error: the API, the network, the metadata service, an address in use.");
        Definition(page, "2", "a usage or configuration error; its one line on standard error names the flag or variable at fault. systemd does not restart it (RestartPreventExitStatus=2).");
        Definition(page, "3", "exoip -C: the Elastic IP is not on this instance; exoip -S: no watchdog answers.");
        page.AppendLine(".SH SIGNALS");
        Definition(page, "SIGTERM, SIGINT", "stop; a master hands the Elastic IP to the best backup first (with -K it keeps it), then exits 0.");
        Definition(page, "SIGHUP", "re-read the -f file into the running watchdog (systemctl reload exoip), without dropping the Elastic IP: the priority, the peers, the health checks, the notify command, the preemption rule, -K and new advert keys apply at once; an invalid file leaves the running configuration as it is; the line logged names what cannot change while running (-l, -xi, -i) and what waits for a restart (-t, -r, the API account, -m, -s).");
        Definition(page, "SIGUSR1, SIGUSR2", "lower, raise the priority value by one (SIGUSR1 makes the node more likely master).");
        page.AppendLine(".SH FILES");
        Definition(page, "/etc/default/exoip", "the configuration of exoip.service.");
        Definition(page, "/etc/exoip/NAME.conf", "the configuration of exoip@NAME.service, one per Elastic IP.");
        Definition(page, "/run/exoip/ELASTIC_IP.sock", "where a running watchdog answers exoip -S.");
        page.AppendLine(".SH EXAMPLES");
        Example(page, "exoip -n -f /etc/default/exoip", "check the file (also while the watchdog runs), then: systemctl reload exoip");
        Example(page, "exoip -W -O -xi 198.51.100.50 -G load-balancer -P 10", "a watchdog whose peers are a security group's members");
        Example(page, "exoip -A -xi 198.51.100.50", "attach the Elastic IP to this instance, then exit");
        Example(page, "journalctl -p warning -u exoip", "the watchdog's warnings and errors");
        Example(page, "exoip -S -j", "the running watchdog's state, as JSON");
        page.AppendLine(".SH SEE ALSO");
        page.AppendLine(".BR systemctl (1),");
        page.AppendLine(".BR systemd.service (5),");
        page.AppendLine(".BR journalctl (1)");
        return page.ToString();
    }

    private static void Paragraph(StringBuilder page, string text)
    {
        page.AppendLine(".PP");
        page.AppendLine(Escape(text));
    }

    private static void Definition(StringBuilder page, string term, string text)
    {
        page.AppendLine(".TP");
        page.AppendLine(".B " + Escape(term));
        page.AppendLine(Escape(text));
    }

    private static void Example(StringBuilder page, string command, string what)
    {
        page.AppendLine(".PP");
        page.AppendLine(Escape(what) + ":");
        page.AppendLine(".RS");
        page.AppendLine(".B " + Escape(command));
        page.AppendLine(".RE");
    }

    // roff: a backslash is \e, a minus sign \-, and a line must not start with a control character.
    private static string Escape(string text)
    {
        var escaped = string.Concat(text.Select(c => c switch
        {
            '\\' => "\\e",
            '-' => "\\-",
            _ => c.ToString(),
        }));
        return escaped.StartsWith(".", System.StringComparison.Ordinal) || escaped.StartsWith("'", System.StringComparison.Ordinal) ? "\\&" + escaped : escaped;
    }
}
