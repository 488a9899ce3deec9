using System.Collections.Generic;
using System.Linq;
using ExoIp.CommandLine;

namespace ExoIp.Tests.CommandLine;

public class CommandLineParserTests
{
    private static ParsedCommandLine Parse(string[] args, Dictionary<string, string>? environment = null) =>
        CommandLineParser.Parse(args, name => environment is not null && environment.TryGetValue(name, out var value) ? value : null);

    private static UsageException Refused(string[] args, Dictionary<string, string>? environment = null) =>
        Assert.Throws<UsageException>(() => Parse(args, environment));

    [Fact]
    public void Reads_the_seeds_flags_into_the_cmdlets_settings()
    {
        var line = Parse(new[] { "-W", "-xi", "198.51.100.50", "-P", "20", "-l", "10.0.0.1:12345", "-p", "10.0.0.2", "-p", "10.0.0.3,10.0.0.4", "-r", "4", "-t", "0.5", "-n", "-v", "-O" });
        Assert.Equal(CommandLineMode.Watchdog, line.Mode);
        Assert.Equal("198.51.100.50", line.Settings["ElasticIp"]);
        Assert.Equal("20", line.Settings["Priority"]);
        Assert.Equal("10.0.0.1:12345", line.Settings["BindAddress"]);
        Assert.Equal("10.0.0.2,10.0.0.3,10.0.0.4", line.Settings["Peer"]);
        Assert.Equal("4", line.Settings["DeadRatio"]);
        Assert.Equal("0.5", line.Settings["Interval"]);
        Assert.True(line.ValidateOnly);
        Assert.True(line.Verbose);
        Assert.True(line.LogToStdout);
        Assert.False(line.Settings.ContainsKey("Verbose"));
    }

    [Fact]
    public void Reads_this_rounds_peer_and_key_flags()
    {
        var line = Parse(new[] { "-W", "-xi", "198.51.100.50", "-I", "web-pool", "-k", "/etc/exoip/key,/etc/exoip/next" });
        Assert.Equal("web-pool", line.Settings["InstancePool"]);
        Assert.Equal("/etc/exoip/key,/etc/exoip/next", line.Settings["AuthKeyFile"]);
    }

    [Fact]
    public void Reads_the_health_check_and_notify_flags()
    {
        var line = Parse(new[] { "-W", "-c", "tcp://127.0.0.1:80", "-c", "http://127.0.0.1:8404/health", "-cc", "true --quick",
            "-ci", "0.2", "-ct", "0.1", "-cf", "4", "-cr", "1", "-cs", "-N", "logger -t exoip", "-Nt", "5" });
        Assert.Equal("tcp://127.0.0.1:80,http://127.0.0.1:8404/health", line.Settings["HealthCheck"]);
        Assert.Equal("true --quick", line.Settings["HealthCheckCommand"]);
        Assert.Equal(("0.2", "0.1", "4", "1"), (line.Settings["HealthCheckInterval"], line.Settings["HealthCheckTimeout"], line.Settings["HealthCheckFall"], line.Settings["HealthCheckRise"]));
        Assert.Equal("true", line.Settings["HealthCheckSkipCertificateCheck"]);
        Assert.Equal(("logger -t exoip", "5"), (line.Settings["NotifyCommand"], line.Settings["NotifyTimeout"]));
    }

    [Theory]
    [InlineData(new[] { "-W", "-c", "tcp://127.0.0.1" }, "-c", "-c: tcp://127.0.0.1 is not a health check: ")]
    [InlineData(new[] { "-W", "-cf", "0" }, "-cf", "-cf: 0 is not a count of rounds (1-1000)")]
    [InlineData(new[] { "-W", "-ci", "0" }, "-ci", "-ci: 0 is not a number of seconds from 0.05 to 3600")]
    [InlineData(new[] { "-W", "-N", "notify 'open" }, "-N", "-N: 'notify 'open' cannot run: ")]
    [InlineData(new[] { "-W", "-Nt", "0" }, "-Nt", "-Nt: 0 is not a number of seconds from 0.05 to 3600")]
    [InlineData(new[] { "-A", "-N", "true" }, "-N", "-N: only -W takes it, not -A")]
    [InlineData(new[] { "-A", "-cs" }, "-cs", "-cs: only -W takes it, not -A")]
    public void Names_the_health_or_notify_flag_at_fault(string[] args, string subject, string message)
    {
        var refused = Refused(args);
        Assert.Equal(subject, refused.Subject);
        Assert.StartsWith(message, refused.Message);
    }

    [Fact]
    public void Checks_the_health_and_notify_variables()
    {
        Assert.Equal("IF_NOTIFY_TIMEOUT: 0 is not a number of seconds from 0.05 to 3600",
            Refused(new[] { "-W" }, new Dictionary<string, string> { ["IF_NOTIFY_TIMEOUT"] = "0" }).Message);
        Assert.StartsWith("IF_HEALTH_CHECK: 'tcp://127.0.0.1:80 udp://x' is not a health check: ",
            Refused(new[] { "-W" }, new Dictionary<string, string> { ["IF_HEALTH_CHECK"] = "tcp://127.0.0.1:80 udp://x" }).Message);
    }

    [Theory]
    [InlineData("-h")]
    [InlineData("--help")]
    public void Help_wins_over_everything_else(string flag)
    {
        Assert.Equal(CommandLineMode.Help, Parse(new[] { flag }).Mode);
        Assert.Equal(CommandLineMode.Help, Parse(new[] { "-W", "-P", "300", flag }).Mode);
    }

    [Theory]
    [InlineData(new[] { "-W", "-P", "300" }, "-P", "-P: 300 is not a priority (0-255)")]
    [InlineData(new[] { "-W", "-P", "-1" }, "-P", "-P: -1 is not a priority (0-255)")]
    [InlineData(new[] { "-W", "-r", "0" }, "-r", "-r: 0 is not a dead ratio (1-1000)")]
    [InlineData(new[] { "-W", "-t", "0.01" }, "-t", "-t: 0.01 is not a number of seconds from 0.05 to 3600")]
    [InlineData(new[] { "-W", "-l", "10.0.0.1:99999" }, "-l", "-l: 10.0.0.1:99999 is not an IPv4 address and port such as :12345 or 10.0.0.1:12345")]
    [InlineData(new[] { "-W", "-i", "not-a-uuid" }, "-i", "-i: not-a-uuid is not an instance id (a UUID)")]
    [InlineData(new[] { "-W", "-xi", "198.51.100.300" }, "-xi", "-xi: 198.51.100.300 is not an IPv4 address or an Elastic IP id (a UUID)")]
    [InlineData(new[] { "-W", "-xe", "ftp://x" }, "-xe", "-xe: ftp://x is not an http(s) URL")]
    [InlineData(new[] { "-W", "-m", "http://127.0.0.1/metrics" }, "-m", "-m: http://127.0.0.1/metrics has no port (e.g. http://127.0.0.1:9707/metrics)")]
    [InlineData(new[] { "-W", "-k", "/etc/exoip/a,/etc/exoip/b,/etc/exoip/c" }, "-k", "-k: /etc/exoip/a,/etc/exoip/b,/etc/exoip/c names one or two key files, comma-separated")]
    [InlineData(new[] { "-A", "-I", "web" }, "-I", "-I: only -W takes it, not -A")]
    [InlineData(new[] { "-W", "-P" }, "-P", "-P: needs a value (int)")]
    [InlineData(new[] { "-W", "-q" }, "-q", "-q: unknown flag (exoip -h lists them)")]
    [InlineData(new[] { "-A", "-P", "5" }, "-P", "-P: only -W takes it, not -A")]
    [InlineData(new[] { "-P", "5" }, "exoip", "give one of -A, -D, -C, -W, -S (exoip -h for help)")]
    [InlineData(new[] { "-A", "-W" }, "exoip", "give only one of -A, -W")]
    public void Names_the_flag_at_fault(string[] args, string subject, string message)
    {
        var refused = Refused(args);
        Assert.Equal(subject, refused.Subject);
        Assert.Equal(message, refused.Message);
    }

    [Fact]
    public void Flags_are_case_sensitive_as_the_originals()
    {
        Assert.Equal("10.0.0.2", Parse(new[] { "-W", "-p", "10.0.0.2" }).Settings["Peer"]);
        Assert.Equal("7", Parse(new[] { "-W", "-P", "7" }).Settings["Priority"]);
        Assert.Equal("-w", Refused(new[] { "-w" }).Subject);
    }

    [Fact]
    public void Checks_the_variable_that_stands_in_for_an_absent_flag_and_names_it()
    {
        var refused = Refused(new[] { "-W" }, new Dictionary<string, string> { ["IF_HOST_PRIORITY"] = "300" });
        Assert.Equal("IF_HOST_PRIORITY: 300 is not a priority (0-255)", refused.Message);
        // A flag hides its variable; a watchdog-only variable does not matter to -A.
        Assert.Equal("5", Parse(new[] { "-W", "-P", "5" }, new Dictionary<string, string> { ["IF_HOST_PRIORITY"] = "300" }).Settings["Priority"]);
        Assert.Equal(CommandLineMode.Associate, Parse(new[] { "-A" }, new Dictionary<string, string> { ["IF_HOST_PRIORITY"] = "300" }).Mode);
    }

    [Fact]
    public void Reports_every_bad_value_of_the_flags_and_the_variables_at_once()
    {
        var refused = Refused(new[] { "-W", "-P", "300", "-t", "never" }, new Dictionary<string, string> { ["IF_DEAD_RATIO"] = "many" });

        Assert.Equal(UsageException.WholeLine, refused.Subject);
        Assert.StartsWith("3 problems: (1) -P: 300 is not a priority (0-255) (2) -t: never ", refused.Message);
        Assert.Contains("(3) IF_DEAD_RATIO: many ", refused.Message);
    }

    [Fact]
    public void Can_leave_the_bad_values_to_the_host_naming_their_settings()
    {
        var line = CommandLineParser.ParseLeavingBadValues(new[] { "-W", "-P", "300" }, name => name == "IF_DEAD_RATIO" ? "many" : null);

        Assert.Equal(CommandLineMode.Watchdog, line.Mode);
        Assert.Equal(new[] { "-P: 300 is not a priority (0-255)", "IF_DEAD_RATIO: many is not a dead ratio (1-1000)" }, line.BadValues.Select(b => b.Message));
        Assert.Equal(new[] { "Priority", "DeadRatio" }, line.BadValues.Select(b => b.Setting));
        Assert.Empty(Parse(new[] { "-W", "-P", "5" }).BadValues);
        // A line that cannot be read at all is still refused at once.
        Assert.Throws<UsageException>(() => CommandLineParser.ParseLeavingBadValues(new[] { "-W", "-zz" }, _ => null));
    }

    [Fact]
    public void Never_puts_a_secret_in_a_message()
    {
        var refused = Refused(new[] { "-A", "-xs", "s3cret-value", "-z" });
        Assert.DoesNotContain("s3cret-value", refused.Message);
    }

    [Fact]
    public void The_usage_names_the_zones_variables_which_have_no_flag()
    {
        Assert.Contains(ExoIp.Configuration.EnvironmentVariables.IfZone, CommandLineUsage.Text);
        Assert.Contains(ExoIp.Configuration.EnvironmentVariables.ExoscaleZone, CommandLineUsage.Text);
    }

    [Fact]
    public void The_usage_lists_every_flag_and_variable()
    {
        foreach (var option in CommandLineOptions.All)
        {
            Assert.Contains("  " + option.Flag + " ", CommandLineUsage.Text);
            foreach (var variable in option.Variables) Assert.Contains(variable, CommandLineUsage.Text);
        }
    }
}
