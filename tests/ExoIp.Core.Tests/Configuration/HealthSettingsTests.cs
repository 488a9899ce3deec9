using System;
using System.Collections.Generic;
using System.Linq;
using ExoIp.Configuration;
using ExoIp.Health;

namespace ExoIp.Tests.Configuration;

public class HealthSettingsTests
{
    private static HealthSettings Resolve(Dictionary<string, string?> parameters, Dictionary<string, string>? environment = null, List<string>? origins = null)
    {
        environment ??= new Dictionary<string, string>();
        var sources = new SettingSources(parameters, name => environment.TryGetValue(name, out var v) ? v : null, null);
        return HealthSettings.Resolve(sources, origins ?? new List<string>());
    }

    [Fact]
    public void Nothing_configured_means_no_checks_no_hook_and_the_defaults()
    {
        var settings = Resolve(new());
        Assert.False(settings.HasChecks);
        Assert.Empty(settings.CreateChecks());
        Assert.Null(settings.NotifyCommand);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.NotifyTimeout);
        Assert.Equal(new HealthCheckOptions(), settings.Options);
    }

    [Fact]
    public void Takes_every_value_from_the_IF_variables_of_an_ifupdown_stanza_and_says_where_each_came_from()
    {
        var origins = new List<string>();
        var settings = Resolve(new(), new()
        {
            ["IF_HEALTH_CHECK"] = "tcp://127.0.0.1:80 https://127.0.0.1:8443/health",
            ["IF_HEALTH_CHECK_COMMAND"] = "sh -c 'exit 0'",
            ["IF_HEALTH_CHECK_INTERVAL"] = "0.2",
            ["IF_HEALTH_CHECK_TIMEOUT"] = "0.15",
            ["IF_HEALTH_CHECK_FALL"] = "4",
            ["IF_HEALTH_CHECK_RISE"] = "5",
            ["IF_HEALTH_CHECK_SKIP_CERTIFICATE_CHECK"] = "yes",
            ["IF_NOTIFY_COMMAND"] = "logger -t exoip",
            ["IF_NOTIFY_TIMEOUT"] = "5",
        }, origins);

        Assert.Equal(new[] { "tcp://127.0.0.1:80", "https://127.0.0.1:8443/health" }, settings.Checks);
        Assert.Equal("sh -c 'exit 0'", settings.CheckCommand?.Text);
        Assert.Equal(new HealthCheckOptions
        {
            HealthCheckInterval = TimeSpan.FromMilliseconds(200),
            HealthCheckTimeout = TimeSpan.FromMilliseconds(150),
            HealthCheckFall = 4,
            HealthCheckRise = 5,
            HealthCheckSkipCertificateCheck = true,
        }, settings.Options);
        Assert.Equal(new[] { "logger", "-t", "exoip" }, new[] { settings.NotifyCommand!.Executable }.Concat(settings.NotifyCommand.Arguments));
        Assert.Equal(TimeSpan.FromSeconds(5), settings.NotifyTimeout);
        Assert.Contains("HealthCheck tcp://127.0.0.1:80 https://127.0.0.1:8443/health from IF_HEALTH_CHECK", origins);
        Assert.Contains("NotifyTimeout 5 from IF_NOTIFY_TIMEOUT", origins);

        var checks = settings.CreateChecks();
        Assert.Collection(checks,
            c => Assert.IsType<TcpHealthCheck>(c),
            c => Assert.True(Assert.IsType<HttpHealthCheck>(c).SkipCertificateCheck),
            c => Assert.IsType<CommandHealthCheck>(c));
        foreach (var disposable in checks.OfType<IDisposable>()) disposable.Dispose();
    }

    [Fact]
    public void A_parameter_beats_the_variable()
    {
        var settings = Resolve(new() { ["HealthCheck"] = "tcp://127.0.0.1:81", ["HealthCheckFall"] = "2" },
            new() { ["IF_HEALTH_CHECK"] = "tcp://127.0.0.1:80", ["IF_HEALTH_CHECK_FALL"] = "9" });
        Assert.Equal(new[] { "tcp://127.0.0.1:81" }, settings.Checks);
        Assert.Equal(2, settings.Options.HealthCheckFall);
    }

    [Theory]
    [InlineData("IF_HEALTH_CHECK", "tcp://127.0.0.1", "HealthCheck", "HealthCheck from IF_HEALTH_CHECK: 'tcp://127.0.0.1' needs a port")]
    [InlineData("IF_HEALTH_CHECK_COMMAND", "/no/such/exoip-check --quick", "HealthCheckCommand", "HealthCheckCommand from IF_HEALTH_CHECK_COMMAND: '/no/such/exoip-check' does not exist")]
    [InlineData("IF_NOTIFY_COMMAND", "notify 'open", "NotifyCommand", "NotifyCommand from IF_NOTIFY_COMMAND: The quote ' opened")]
    [InlineData("IF_HEALTH_CHECK_INTERVAL", "0.01", "HealthCheckInterval", "HealthCheckInterval '0.01' from IF_HEALTH_CHECK_INTERVAL is not a number of seconds")]
    [InlineData("IF_HEALTH_CHECK_TIMEOUT", "2", "HealthCheckTimeout", "-HealthCheckTimeout: 2 s is longer than the interval")]
    [InlineData("IF_HEALTH_CHECK_FALL", "0", "HealthCheckFall", "HealthCheckFall '0' from IF_HEALTH_CHECK_FALL is not a whole number from 1 to 1000")]
    [InlineData("IF_HEALTH_CHECK_RISE", "two", "HealthCheckRise", "HealthCheckRise 'two' from IF_HEALTH_CHECK_RISE is not a whole number")]
    [InlineData("IF_HEALTH_CHECK_SKIP_CERTIFICATE_CHECK", "maybe", "HealthCheckSkipCertificateCheck", "HealthCheckSkipCertificateCheck 'maybe' from IF_HEALTH_CHECK_SKIP_CERTIFICATE_CHECK is not yes or no")]
    [InlineData("IF_NOTIFY_TIMEOUT", "0", "NotifyTimeout", "NotifyTimeout '0' from IF_NOTIFY_TIMEOUT is not a number of seconds")]
    public void Each_invalid_value_is_named_with_its_variable(string variable, string value, string setting, string message)
    {
        var error = Assert.Throws<ConfigurationException>(() => Resolve(new(), new() { [variable] = value }));
        Assert.Equal(setting, error.Setting);
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void The_command_line_sees_its_own_flags_in_the_messages()
    {
        var flags = new Dictionary<string, string> { ["HealthCheckTimeout"] = "-ct", ["HealthCheckCommand"] = "-cc" };
        SettingSources Sources(Dictionary<string, string> environment) => new(
            new Dictionary<string, string?>(), name => environment.TryGetValue(name, out var v) ? v : null, null,
            parameter => flags.TryGetValue(parameter, out var flag) ? flag : null);

        var timeout = Assert.Throws<ConfigurationException>(() => HealthSettings.Resolve(
            Sources(new() { ["IF_HEALTH_CHECK_TIMEOUT"] = "2" }), new List<string>()));
        Assert.StartsWith("-ct: 2 s is longer than the interval", timeout.Message);

        var command = Assert.Throws<ConfigurationException>(() => HealthSettings.Resolve(
            Sources(new() { ["IF_HEALTH_CHECK"] = "/usr/bin/check" }), new List<string>()));
        Assert.Contains("(a command goes in -cc or IF_HEALTH_CHECK_COMMAND)", command.Message);
        Assert.DoesNotContain("-HealthCheckCommand", command.Message);
    }
}
