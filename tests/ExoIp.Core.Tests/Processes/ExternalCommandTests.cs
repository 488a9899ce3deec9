using System;
using System.IO;
using ExoIp.Processes;

namespace ExoIp.Tests.Processes;

public class ExternalCommandTests
{
    [Fact]
    public void A_name_is_looked_up_on_path_and_the_rest_are_its_arguments()
    {
        var command = ExternalCommand.Parse("  sh -c 'exit 3'  ");
        Assert.Equal("sh", command.Executable);
        Assert.Equal(new[] { "-c", "exit 3" }, command.Arguments);
        Assert.Equal("sh -c 'exit 3'", command.Text);
    }

    [Fact]
    public void A_path_that_does_not_exist_fails_at_parse_time()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "check");
        var error = Assert.Throws<FormatException>(() => ExternalCommand.Parse(missing + " --quick"));
        Assert.Contains($"'{missing}' does not exist", error.Message);
    }

    [Fact]
    public void A_name_not_on_path_fails_at_parse_time()
    {
        var error = Assert.Throws<FormatException>(() => ExternalCommand.Parse("no-such-exoip-check-" + Guid.NewGuid().ToString("N")));
        Assert.Contains("is not found on PATH", error.Message);
        Assert.Contains("without a shell", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("'' --quick")]
    public void An_empty_command_is_an_error(string line)
    {
        var error = Assert.Throws<FormatException>(() => ExternalCommand.Parse(line));
        Assert.Contains("empty", error.Message);
    }
}
