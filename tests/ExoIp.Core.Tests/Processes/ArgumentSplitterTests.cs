using System;
using ExoIp.Processes;

namespace ExoIp.Tests.Processes;

public class ArgumentSplitterTests
{
    [Theory]
    [InlineData("/usr/local/bin/check --quick", new[] { "/usr/local/bin/check", "--quick" })]
    [InlineData("  check   a\tb  ", new[] { "check", "a", "b" })]
    [InlineData("check 'my service' \"other one\"", new[] { "check", "my service", "other one" })]
    [InlineData("check 'it''s'", new[] { "check", "its" })]
    [InlineData("check \"say \\\"hi\\\"\" 'a\\b'", new[] { "check", "say \"hi\"", "a\\b" })]
    [InlineData("check a\\ b \\'x\\'", new[] { "check", "a b", "'x'" })]
    [InlineData("check --name=\"a b\"c", new[] { "check", "--name=a bc" })]
    [InlineData("check '' \"\"", new[] { "check", "", "" })]
    [InlineData(@"C:\tools\check.exe C:\data", new[] { @"C:\tools\check.exe", @"C:\data" })]
    [InlineData("check $HOME `id` ;rm", new[] { "check", "$HOME", "`id`", ";rm" })]
    [InlineData("", new string[0])]
    public void Splits_like_a_shell_without_expansions(string line, string[] expected)
    {
        Assert.Equal(expected, ArgumentSplitter.Split(line));
    }

    [Theory]
    [InlineData("check 'open")]
    [InlineData("check \"open")]
    [InlineData("check \"a\\\"")]
    public void An_unclosed_quote_is_an_error_naming_it(string line)
    {
        var error = Assert.Throws<FormatException>(() => ArgumentSplitter.Split(line));
        Assert.Contains("not closed", error.Message);
    }
}
