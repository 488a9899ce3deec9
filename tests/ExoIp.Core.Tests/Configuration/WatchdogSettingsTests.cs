using System;
using System.Collections.Generic;
using System.Net;
using ExoIp.Configuration;

namespace ExoIp.Tests.Configuration;

public class WatchdogSettingsTests
{
    private static readonly Guid Self = Guid.Parse("e2e09c60-426f-43c4-8f8c-93cfb28b28e4");

    private static ExoIp.Watchdog.WatchdogOptions Resolve(
        Dictionary<string, string?> parameters, Dictionary<string, string>? environment = null, List<string>? origins = null)
    {
        environment ??= new Dictionary<string, string>();
        var sources = new SettingSources(parameters, name => environment.TryGetValue(name, out var v) ? v : null, null);
        return WatchdogSettings.Resolve(sources, Self, null, null, null, origins ?? new List<string>());
    }

    [Theory]
    [InlineData(":12345", "0.0.0.0:12345")]
    [InlineData("10.0.0.1:4000", "10.0.0.1:4000")]
    [InlineData("10.0.0.1", "10.0.0.1:12345")]
    public void Reads_the_original_bind_address_forms(string bind, string expected)
    {
        var options = Resolve(new() { ["ElasticIp"] = "198.51.100.50", ["Peer"] = "10.0.0.2", ["BindAddress"] = bind });
        Assert.Equal(IPEndPoint.Parse(expected), options.Bind);
    }

    [Fact]
    public void Takes_every_option_from_the_IF_variables_and_says_where_each_came_from()
    {
        var origins = new List<string>();
        var options = Resolve(new(), new()
        {
            ["IF_ADDRESS"] = "198.51.100.50", ["IF_HOST_PRIORITY"] = "20", ["IF_BIND_ADDRESS"] = ":23456",
            ["IF_EXOSCALE_PEERS"] = "10.0.0.2, 10.0.0.3", ["IF_DEAD_RATIO"] = "4", ["IF_ADVERTISEMENT_INTERVAL"] = "0.25",
        }, origins);

        Assert.Equal(IPAddress.Parse("198.51.100.50"), options.ElasticIp);
        Assert.Equal(20, options.Priority);
        Assert.Equal(23456, options.Bind.Port);
        Assert.Equal(new[] { IPAddress.Parse("10.0.0.2"), IPAddress.Parse("10.0.0.3") }, options.Peers);
        Assert.Equal(4, options.DeadRatio);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.Interval);
        Assert.Contains("Priority 20 from IF_HOST_PRIORITY", origins);
        Assert.Contains("BindAddress :23456 from IF_BIND_ADDRESS", origins);
    }

    [Fact]
    public void The_peer_refresh_and_the_reconciliation_count_in_seconds_from_a_flag_or_a_variable_and_a_cmdlet_parameter_wins()
    {
        var origins = new List<string>();
        var options = Resolve(new() { ["ElasticIp"] = "198.51.100.50", ["Peer"] = "10.0.0.2", ["ReconcileInterval"] = "7.5" },
            new() { ["IF_PEER_REFRESH_INTERVAL"] = "60", ["IF_RECONCILE_INTERVAL"] = "90" }, origins);
        Assert.Equal(TimeSpan.FromMinutes(1), options.PeerRefreshInterval);
        Assert.Equal(TimeSpan.FromSeconds(7.5), options.ReconcileInterval);
        Assert.Contains("PeerRefreshInterval 60 from IF_PEER_REFRESH_INTERVAL", origins);
        Assert.Contains("ReconcileInterval 7.5 from -ReconcileInterval", origins);

        var sources = new SettingSources(new Dictionary<string, string?> { ["ElasticIp"] = "198.51.100.50", ["Peer"] = "10.0.0.2" },
            name => name == "IF_RECONCILE_INTERVAL" ? "90" : null, null);
        var cmdlet = WatchdogSettings.Resolve(sources, Self, null, TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(10), origins);
        Assert.Equal(TimeSpan.FromMinutes(2), cmdlet.PeerRefreshInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), cmdlet.ReconcileInterval);
        Assert.Contains("ReconcileInterval 00:00:10 from -ReconcileInterval", origins);
    }

    [Fact]
    public void A_peer_group_parameter_hides_the_environments_static_peers()
    {
        var options = Resolve(new() { ["ElasticIp"] = "198.51.100.50", ["PeerGroup"] = "lb" }, new() { ["IF_EXOSCALE_PEERS"] = "10.0.0.2" });
        Assert.Equal("lb", options.PeerGroup);
        Assert.Null(options.Peers);
    }

    [Fact]
    public void The_Instance_Pool_comes_from_IF_EXOSCALE_INSTANCE_POOL_and_a_parameter_for_another_source_hides_it()
    {
        var fromEnvironment = Resolve(new() { ["ElasticIp"] = "198.51.100.50" }, new() { ["IF_EXOSCALE_INSTANCE_POOL"] = "web-pool" });
        Assert.Equal("web-pool", fromEnvironment.InstancePool);
        Assert.Null(fromEnvironment.Peers);

        var hidden = Resolve(new() { ["ElasticIp"] = "198.51.100.50", ["PeerGroup"] = "lb" }, new() { ["IF_EXOSCALE_INSTANCE_POOL"] = "web-pool" });
        Assert.Null(hidden.InstancePool);

        var error = Assert.Throws<ConfigurationException>(() =>
            Resolve(new() { ["ElasticIp"] = "198.51.100.50" }, new() { ["IF_EXOSCALE_INSTANCE_POOL"] = "web-pool", ["IF_EXOSCALE_PEER_GROUP"] = "lb" }));
        Assert.Contains("exclusive", error.Message);
    }

    [Theory]
    [InlineData("IF_HOST_PRIORITY", "256", "Priority")]
    [InlineData("IF_DEAD_RATIO", "zero", "DeadRatio")]
    [InlineData("IF_ADVERTISEMENT_INTERVAL", "0.01", "Interval")]
    [InlineData("IF_BIND_TO", "host:port", "BindAddress")]
    [InlineData("IF_EXOSCALE_PEERS", "10.0.0", "Peer")]
    [InlineData("IF_PEER_REFRESH_INTERVAL", "0", "PeerRefreshInterval")]
    [InlineData("IF_RECONCILE_INTERVAL", "5 min", "ReconcileInterval")]
    public void An_invalid_value_names_its_option_and_its_variable(string variable, string value, string option)
    {
        var environment = new Dictionary<string, string> { ["IF_EXOSCALE_PEERS"] = "10.0.0.2", [variable] = value };
        var error = Assert.Throws<ConfigurationException>(() => Resolve(new() { ["ElasticIp"] = "198.51.100.50" }, environment));
        Assert.Equal(option, error.Setting);
        Assert.Contains(variable, error.Message);
    }

    [Fact]
    public void Without_an_elastic_ip_or_peers_it_says_what_is_missing()
    {
        Assert.True(Assert.Throws<ConfigurationException>(() => Resolve(new() { ["Peer"] = "10.0.0.2" })).IsMissing);
        var noPeers = Assert.Throws<ConfigurationException>(() => Resolve(new() { ["ElasticIp"] = "198.51.100.50" }));
        Assert.Equal("Peer", noPeers.Setting);
    }

    [Fact]
    public void Says_which_settings_took_their_default()
    {
        var origins = new List<string>();
        Resolve(new() { ["ElasticIp"] = "198.51.100.50", ["Peer"] = "10.0.0.2" }, new() { ["IF_DEAD_RATIO"] = "4" }, origins);
        Assert.Contains("Priority 10 (default)", origins);
        Assert.Contains("BindAddress 0.0.0.0:12345 (default)", origins);
        Assert.Contains("DeadRatio 4 from IF_DEAD_RATIO", origins);
        Assert.Contains("Interval 1 s (default)", origins);
        Assert.Contains("ReconcileInterval 30 s (default)", origins);
        Assert.Contains("PeerRefreshInterval 300 s (default)", origins);
        Assert.DoesNotContain("DeadRatio 3 (default)", origins);
    }

    [Fact]
    public void Refuses_a_peer_list_entry_that_is_not_an_IPv4_address_naming_it_and_its_source()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            Resolve(new() { ["ElasticIp"] = "198.51.100.50" }, new() { ["IF_EXOSCALE_PEERS"] = "10.0.0.2, 10.1" }));
        Assert.Equal("Peer '10.1' from IF_EXOSCALE_PEERS is not an IPv4 address.", error.Message);
    }

    private static readonly Dictionary<string, string> Flags = new()
    {
        ["ElasticIp"] = "-xi", ["Peer"] = "-p", ["PeerGroup"] = "-G", ["InstancePool"] = "-I", ["DeadRatio"] = "-r", ["Interval"] = "-t",
    };

    private static SettingSources CommandLine(Dictionary<string, string?> flags, Dictionary<string, string>? environment = null) =>
        new(flags, name => environment is not null && environment.TryGetValue(name, out var v) ? v : null, null,
            parameter => Flags.TryGetValue(parameter, out var flag) ? flag : null);

    [Fact]
    public void The_command_line_sees_its_own_flags_in_the_messages()
    {
        var noAddress = Assert.Throws<ConfigurationException>(() =>
            WatchdogSettings.Resolve(CommandLine(new()), Self, null, null, null, new List<string>()));
        Assert.Equal("2 problems: (1) No Elastic IP: give -xi or IF_ADDRESS. (2) No peers: give one of -p, -G or -I, " +
            "or set IF_EXOSCALE_PEERS, IF_EXOSCALE_PEER_GROUP or IF_EXOSCALE_INSTANCE_POOL.", noAddress.Message);

        var noPeers = Assert.Throws<ConfigurationException>(() =>
            WatchdogSettings.Resolve(CommandLine(new() { ["ElasticIp"] = "198.51.100.50" }), Self, null, null, null, new List<string>()));
        Assert.Equal("No peers: give one of -p, -G or -I, or set IF_EXOSCALE_PEERS, IF_EXOSCALE_PEER_GROUP or IF_EXOSCALE_INSTANCE_POOL.", noPeers.Message);
        Assert.DoesNotContain("PeerGroup", noPeers.Message);
        Assert.True(noPeers.IsMissing);
    }

    [Fact]
    public void Every_invalid_option_is_reported_at_once()
    {
        var parsed = Assert.Throws<ConfigurationException>(() => WatchdogSettings.Resolve(
            CommandLine(new() { ["ElasticIp"] = "198.51.100.50" }, new() { ["IF_DEAD_RATIO"] = "many", ["IF_ADVERTISEMENT_INTERVAL"] = "soon" }),
            Self, null, null, null, new List<string>()));
        Assert.StartsWith("3 problems: (1) DeadRatio 'many' from IF_DEAD_RATIO", parsed.Message);
        Assert.Contains("(2) Interval 'soon' from IF_ADVERTISEMENT_INTERVAL", parsed.Message);
        Assert.Contains("(3) No peers", parsed.Message);

        var error = Assert.Throws<ConfigurationException>(() => WatchdogSettings.Resolve(
            CommandLine(new() { ["ElasticIp"] = "198.51.100.50", ["Peer"] = "10.0.0.2", ["PeerGroup"] = "web" }),
            Guid.Empty, "", null, null, new List<string>()));
        Assert.StartsWith("2 problems: (1) ", error.Message);
        Assert.Contains("Name: must not be blank.", error.Message);
        Assert.Contains("-p, -G or -I are exclusive", error.Message);
        // An instance id still to come from the metadata service is no problem yet.
        Assert.DoesNotContain("InstanceId", error.Message);
    }

    [Fact]
    public void An_instance_id_still_to_come_is_no_problem_and_is_set_later()
    {
        var options = WatchdogSettings.Resolve(CommandLine(new() { ["ElasticIp"] = "198.51.100.50", ["Peer"] = "10.0.0.2" }),
            Guid.Empty, null, null, null, new List<string>());
        Assert.Equal(Guid.Empty, options.InstanceId);
        Assert.Empty((options with { InstanceId = Self }).Validate());
    }
}
