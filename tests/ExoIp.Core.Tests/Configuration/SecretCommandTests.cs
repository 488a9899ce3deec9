using System;
using System.Collections.Generic;
using ExoIp.Configuration;

namespace ExoIp.Tests.Configuration;

public class SecretCommandTests
{
    private static readonly ExoscaleAccount Account = new("prod", "EXOk", null, null, null, "/etc/exoscale.toml");

    private static string Run(params string[] command) => SecretCommand.Run(command, Account, TimeSpan.FromSeconds(20));

    [Fact]
    public void The_secret_is_the_standard_output_less_its_trailing_newlines_only()
    {
        // As the CLI's account.APISecret: spaces may be part of a secret, only the newlines a command adds are not.
        Assert.Equal("  s3cr3t ", Run("printf", "  s3cr3t \\n\\n"));
    }

    [Theory]
    [InlineData("two words")]
    [InlineData("a \"quoted\" word")]
    [InlineData("back\\slash\\")]
    [InlineData("back\\\"slash")]
    [InlineData("it's $HOME; `id` | cat")]
    public void Arguments_reach_the_program_unchanged_and_no_shell_interprets_them(string argument)
    {
        Assert.Equal(argument, Run("printf", "%s", argument));
    }

    [Fact]
    public void A_failing_command_names_the_account_and_never_what_it_printed()
    {
        var error = Assert.Throws<ConfigurationException>(() => Run("sh", "-c", "echo leaked-output; exit 3"));
        Assert.Equal("ApiSecret", error.Setting);
        Assert.Contains("exoscale.toml account 'prod'", error.Message);
        Assert.Contains("exited with code 3", error.Message);
        Assert.DoesNotContain("leaked-output", error.Message);
    }

    [Fact]
    public void A_missing_program_an_empty_output_and_a_hang_are_errors()
    {
        Assert.Contains("could not be started", Assert.Throws<ConfigurationException>(() => Run("/nonexistent/exoip-secret")).Message);
        Assert.Contains("printed nothing", Assert.Throws<ConfigurationException>(() => Run("true")).Message);
        var hang = Assert.Throws<ConfigurationException>(() => SecretCommand.Run(new[] { "sleep", "30" }, Account, TimeSpan.FromMilliseconds(300)));
        Assert.Contains("did not finish within", hang.Message);
    }

    [Fact]
    public void The_command_wins_over_the_secret_as_in_the_CLI()
    {
        var both = new ExoscaleAccount("a", "EXOk", "file-secret", null, null, "x.toml", new List<string> { "echo", "command-secret" });
        Assert.Equal("command-secret", both.ReadSecret());
        var failing = new ExoscaleAccount("a", "EXOk", "file-secret", null, null, "x.toml", new List<string> { "false" });
        Assert.Contains("exited with code 1", Assert.Throws<ConfigurationException>(() => failing.ReadSecret()).Message);
        var command = new ExoscaleAccount("a", "EXOk", null, null, null, "x.toml", new List<string> { "echo", "from-command" });
        Assert.Equal("from-command", command.ReadSecret());
    }
}
