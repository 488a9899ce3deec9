using System;
using System.Collections.Generic;
using ExoIp.CommandLine;
using ExoIp.Configuration;

namespace ExoIp.Tests.CommandLine;

public class CommandLineSettingsTests
{
    private static readonly Dictionary<string, string> Api = new()
    {
        ["IF_EXOSCALE_API_KEY"] = "EXOsettings",
        ["IF_EXOSCALE_API_SECRET"] = "s3cret",
        ["IF_EXOSCALE_ZONE"] = "ch-gva-2",
    };

    private static CommandLineSettings Settings(string[] args, Dictionary<string, string>? more = null) =>
        new(CommandLineParser.ParseLeavingBadValues(args, name =>
            more is not null && more.TryGetValue(name, out var value) ? value : Api.TryGetValue(name, out var api) ? api : null));

    [Fact]
    public void Names_the_bad_values_and_the_modes_own_problems_in_one_message()
    {
        var refused = Assert.Throws<ConfigurationException>(() => Settings(new[] { "-A", "-i", "nope" }).CheckLocally());

        // The id's problem is said once, as the command line found it; the missing address names the flag.
        Assert.Equal("2 problems: (1) -i: nope is not an instance id (a UUID) (2) No Elastic IP: give -xi or IF_ADDRESS.", refused.Message);
    }

    [Fact]
    public void A_lone_bad_value_is_the_command_lines_own_error()
    {
        var refused = Assert.Throws<UsageException>(() => Settings(new[] { "-W", "-p", "127.0.0.3" }, new() { ["IF_ADDRESS"] = "198.51.100.50", ["IF_DEAD_RATIO"] = "many" }).CheckLocally());

        Assert.Equal("IF_DEAD_RATIO", refused.Subject);
    }

    [Fact]
    public void Resolves_the_watchdog_locally_leaving_the_instance_id_to_the_metadata_service_when_not_given()
    {
        var id = Guid.NewGuid();
        var given = Settings(new[] { "-W", "-xi", "198.51.100.50", "-p", "127.0.0.3", "-i", id.ToString() }).CheckWatchdog();
        var notGiven = Settings(new[] { "-W", "-xi", "198.51.100.50", "-p", "127.0.0.3" }).CheckWatchdog();

        Assert.Equal(id, given.InstanceId);
        Assert.Equal($"instance id {id} from -i", given.Origins[0]);
        Assert.Equal("198.51.100.50", given.Options.ElasticIp!.ToString());
        Assert.Equal(Guid.Empty, notGiven.InstanceId);
    }

    [Fact]
    public void Resolves_an_assignment_locally()
    {
        var local = Settings(new[] { "-D", "-xi", "198.51.100.50" }, new() { ["IF_EXOSCALE_INSTANCE_ID"] = "not-an-id" });

        var refused = Assert.Throws<UsageException>(local.CheckAssignment);
        Assert.Equal("IF_EXOSCALE_INSTANCE_ID", refused.Subject);
        Assert.Equal("198.51.100.50", Settings(new[] { "-D", "-xi", "198.51.100.50" }).CheckAssignment().ElasticIp.Value);
    }
}
