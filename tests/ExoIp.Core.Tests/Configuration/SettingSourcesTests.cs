using System;
using System.Collections.Generic;
using ExoIp.Configuration;

namespace ExoIp.Tests.Configuration;

public class SettingSourcesTests
{
    [Fact]
    public void Reports_a_parameter_under_the_name_it_was_really_given_as()
    {
        var parameters = new Dictionary<string, string?> { ["ApiKey"] = "EXOkey", ["Zone"] = "ch-gva-2" };
        var sources = new SettingSources(parameters, _ => null, null, parameter => parameter == "ApiKey" ? "-Credential" : "-" + parameter);
        Assert.Equal("-Credential", sources.Find("ApiKey", Array.Empty<string>())!.Source);
        Assert.Equal("-Zone", sources.Find("Zone", Array.Empty<string>())!.Source);
    }
}
