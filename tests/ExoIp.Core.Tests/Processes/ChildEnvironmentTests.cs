using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using ExoIp.Configuration;
using ExoIp.Processes;

namespace ExoIp.Tests.Processes;

/// <summary>No API credential reaches a health check, a notify hook or a secretCommand.</summary>
public class ChildEnvironmentTests
{
    [Fact]
    public void Removes_every_credential_variable_and_keeps_the_rest()
    {
        var start = new ProcessStartInfo("true");
        foreach (var variable in EnvironmentVariables.Credentials) start.Environment[variable] = "secret";
        start.Environment["IF_ADDRESS"] = "198.51.100.50";

        ChildEnvironment.RemoveCredentials(start);

        Assert.Empty(start.Environment.Keys.Intersect(EnvironmentVariables.Credentials));
        Assert.Equal("198.51.100.50", start.Environment["IF_ADDRESS"]);
    }

    [Fact]
    public void Lists_the_variables_of_exoip_and_of_the_CLI()
    {
        Assert.Superset(new HashSet<string>
        {
            "IF_EXOSCALE_API_KEY", "IF_EXOSCALE_API_SECRET", "EXOSCALE_API_KEY", "EXOSCALE_API_SECRET", "EXOSCALE_KEY", "EXOSCALE_SECRET",
            "EXOSCALE_SECRET_KEY", "CLOUDSTACK_KEY", "CLOUDSTACK_API_KEY", "CLOUDSTACK_SECRET", "CLOUDSTACK_SECRET_KEY",
        }, EnvironmentVariables.Credentials.ToHashSet());
    }
}
