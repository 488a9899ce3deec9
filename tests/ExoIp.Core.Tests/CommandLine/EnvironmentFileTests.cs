using System.Collections.Generic;
using System.IO;
using ExoIp.CommandLine;

namespace ExoIp.Tests.CommandLine;

public class EnvironmentFileTests
{
    [Fact]
    public void Reads_systemds_EnvironmentFile_syntax()
    {
        var file = EnvironmentFile.Parse("/etc/default/exoip", string.Join("\n",
            "# a comment", "; another", "", "  IF_ADDRESS = 198.51.100.50  ", "IF_EXOSCALE_PEERS=\"10.0.0.1, \\\"10.0.0.2\"",
            "IF_NOTIFY_COMMAND='logger -t exoip'", "IF_HEALTH_CHECK=tcp://127.0.0.1:80 \\", "tcp://127.0.0.1:443", "IF_HOST_PRIORITY=20 # not a comment"));

        Assert.Equal("198.51.100.50", file.Find("IF_ADDRESS"));
        Assert.Equal("10.0.0.1, \"10.0.0.2", file.Find("IF_EXOSCALE_PEERS"));
        Assert.Equal("logger -t exoip", file.Find("IF_NOTIFY_COMMAND"));
        Assert.Equal("tcp://127.0.0.1:80 tcp://127.0.0.1:443", file.Find("IF_HEALTH_CHECK"));
        Assert.Equal("20 # not a comment", file.Find("IF_HOST_PRIORITY"));
        Assert.Null(file.Find("IF_DEAD_RATIO"));
    }

    [Theory]
    [InlineData("IF_ADDRESS", "/f:1: not a KEY=VALUE line")]
    [InlineData("IF_ADRESS=198.51.100.50", "/f:1: IF_ADRESS is not a variable exoip reads (exoip -h lists them)")]
    [InlineData("\nIF_EXOSCALE_API_SECRET=\"s3cret", "/f:2: a quote is not closed")]
    public void Names_the_line_at_fault_and_never_its_value(string text, string problem)
    {
        var error = Assert.Throws<UsageException>(() => EnvironmentFile.Parse("/f", text));

        Assert.Equal("-f: " + problem, error.Message);
        Assert.DoesNotContain("s3cret", error.Message);
    }

    [Fact]
    public void Flags_win_over_the_file_and_the_file_over_the_environment()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "IF_HOST_PRIORITY=20\nIF_ADDRESS=198.51.100.50\n");
            var environment = new Dictionary<string, string> { ["IF_HOST_PRIORITY"] = "30", ["IF_ADDRESS"] = "198.51.100.99", ["IF_DEAD_RATIO"] = "5" };
            var line = CommandLineParser.Parse(new[] { "-W", "-f", path, "-xi", "198.51.100.1" }, n => environment.GetValueOrDefault(n));

            Assert.Equal("198.51.100.1", line.Settings["ElasticIp"]);
            Assert.Equal("20", line.Environment("IF_HOST_PRIORITY"));
            Assert.Equal("5", line.Environment("IF_DEAD_RATIO"));
            Assert.Equal(path, line.File!.Path);
            Assert.False(line.Settings.ContainsKey("ConfigFile"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_bad_value_in_the_file_is_named_with_the_file()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "IF_HOST_PRIORITY=300\n");
            var error = Assert.Throws<UsageException>(() => CommandLineParser.Parse(new[] { "-W", "-f", path }, _ => null));

            Assert.Equal($"IF_HOST_PRIORITY: 300 is not a priority (0-255) (in {path})", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_file_is_a_usage_error()
    {
        var error = Assert.Throws<UsageException>(() => CommandLineParser.Parse(new[] { "-W", "-f", "/nonexistent/exoip" }, _ => null));

        Assert.Equal("-f: cannot read /nonexistent/exoip: no such file", error.Message);
    }

    [Theory]
    [InlineData("-V")]
    [InlineData("--version")]
    public void Version_wins_over_the_rest_of_the_line_but_not_over_help(string flag)
    {
        Assert.Equal(CommandLineMode.Version, CommandLineParser.Parse(new[] { "-W", "-P", "300", flag }, _ => null).Mode);
        Assert.Equal(CommandLineMode.Help, CommandLineParser.Parse(new[] { flag, "-h" }, _ => null).Mode);
        Assert.Matches(@"^exoip \d+\.\d+\.\d+ \(commit [0-9a-f]{12}\)$", BuildVersion.Line);
    }

    [Fact]
    public void Keep_is_a_watchdog_switch_with_a_yes_no_variable()
    {
        Assert.Equal("true", CommandLineParser.Parse(new[] { "-W", "-K" }, _ => null).Settings["KeepElasticIp"]);
        Assert.Equal("-K: only -W takes it, not -A", Assert.Throws<UsageException>(() => CommandLineParser.Parse(new[] { "-A", "-K" }, _ => null)).Message);
        Assert.Equal("IF_KEEP_ELASTIC_IP: maybe is not yes or no",
            Assert.Throws<UsageException>(() => CommandLineParser.Parse(new[] { "-W" }, n => n == "IF_KEEP_ELASTIC_IP" ? "maybe" : null)).Message);
    }
}
