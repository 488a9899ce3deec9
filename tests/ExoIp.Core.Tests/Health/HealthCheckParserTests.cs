using System;
using ExoIp.Health;

namespace ExoIp.Tests.Health;

public class HealthCheckParserTests
{
    [Theory]
    [InlineData("tcp://127.0.0.1:80", "127.0.0.1", 80)]
    [InlineData(" tcp://localhost:8404 ", "localhost", 8404)]
    [InlineData("tcp://[::1]:443", "::1", 443)]
    public void Tcp_checks_take_a_host_and_a_port(string text, string host, int port)
    {
        var check = Assert.IsType<TcpHealthCheck>(HealthCheckParser.Parse(text));
        Assert.Equal(host, check.Host);
        Assert.Equal(port, check.Port);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8404/health", false)]
    [InlineData("https://127.0.0.1/health?deep=1", true)]
    public void Http_checks_keep_the_uri_and_the_certificate_choice(string text, bool skip)
    {
        using var check = Assert.IsType<HttpHealthCheck>(HealthCheckParser.Parse(text, skip));
        Assert.Equal(text, check.Uri.OriginalString);
        Assert.Equal(text, check.Description);
        Assert.Equal(skip, check.SkipCertificateCheck);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("127.0.0.1:80", "is not a health check")]
    [InlineData("/usr/local/bin/check", "a command goes in -HealthCheckCommand")]
    [InlineData("tcp://127.0.0.1", "needs a port")]
    [InlineData("tcp://127.0.0.1:80/path", "more than a host and a port")]
    [InlineData("udp://127.0.0.1:53", "the scheme 'udp' is not tcp, http or https")]
    public void Anything_else_is_a_clear_error(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => HealthCheckParser.Parse(text));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_command_check_is_split_and_its_executable_looked_up()
    {
        var check = Assert.IsType<CommandHealthCheck>(HealthCheckParser.ParseCommand("sh -c 'exit 0'"));
        Assert.Equal("sh", check.Command.Executable);
        Assert.Throws<FormatException>(() => HealthCheckParser.ParseCommand("sh -c 'exit 0"));
    }
}
