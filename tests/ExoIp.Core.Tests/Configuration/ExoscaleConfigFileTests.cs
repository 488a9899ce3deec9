using System.IO;
using ExoIp.Configuration;

namespace ExoIp.Tests.Configuration;

public class ExoscaleConfigFileTests
{
    private const string Sample = """
        defaultaccount = "prod"

        [[accounts]]
        name = "dev"
        key = "EXOdev"
        secret = "dev-secret"
        defaultZone = "ch-dk-2"

        [[accounts]]
        name = "prod"
        key = "EXOprod"
        secret = "prod-secret"
        defaultZone = "ch-gva-2"
        endpoint = "https://api-ch-gva-2.exoscale.com/v2"
        """;

    [Fact]
    public void Reads_the_default_account()
    {
        var account = ExoscaleConfigFile.ReadAccount("x.toml", Sample, null)!;
        Assert.Equal("prod", account.Name);
        Assert.Equal("EXOprod", account.Key);
        Assert.Equal("prod-secret", account.Secret);
        Assert.Equal("ch-gva-2", account.DefaultZone);
        Assert.Equal("https://api-ch-gva-2.exoscale.com/v2", account.Endpoint);
    }

    [Fact]
    public void Reads_a_named_account()
    {
        var account = ExoscaleConfigFile.ReadAccount("x.toml", Sample, "dev")!;
        Assert.Equal("EXOdev", account.Key);
        Assert.Null(account.Endpoint);
    }

    [Fact]
    public void An_unknown_account_is_an_error_naming_it()
    {
        var error = Assert.Throws<ConfigurationException>(() => ExoscaleConfigFile.ReadAccount("x.toml", Sample, "staging"));
        Assert.Contains("'staging'", error.Message);
    }

    [Fact]
    public void Invalid_toml_is_an_error_that_does_not_quote_the_file()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            ExoscaleConfigFile.ReadAccount("x.toml", "secret = \"leaky-secret\nkey = ", null));
        Assert.Contains("x.toml is not valid TOML", error.Message);
        Assert.DoesNotContain("leaky-secret", error.Message);
    }

    [Fact]
    public void A_single_account_without_a_default_is_used()
    {
        var account = ExoscaleConfigFile.ReadAccount("x.toml", "[[accounts]]\nname = \"only\"\nkey = \"EXOk\"\nsecret = \"s\"\n", null);
        Assert.Equal("only", account!.Name);
    }

    [Fact]
    public void Finds_the_first_existing_file_and_none_when_there_is_none()
    {
        var directory = Directory.CreateTempSubdirectory("exoip-config-").FullName;
        try
        {
            var missing = Path.Combine(directory, "missing.toml");
            var present = Path.Combine(directory, "exoscale.toml");
            Assert.Null(ExoscaleConfigFile.FindAccount(new[] { missing }, null));
            File.WriteAllText(present, Sample);
            Assert.Equal("prod", ExoscaleConfigFile.FindAccount(new[] { missing, present }, null)!.Name);
            Assert.Equal(present, ExoscaleConfigFile.FindAccount(new[] { missing, present }, null)!.Path);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
