using System;
using ExoIp.Exoscale;

namespace ExoIp.Tests.Exoscale;

public class ExoscaleClientOptionsTests
{
    private static ExoscaleClientOptions Valid(string endpoint = "https://api-ch-gva-2.exoscale.com/v2") => new()
    {
        Credentials = new ApiCredentials("EXOkey", "secret"),
        Endpoint = new Uri(endpoint),
    };

    [Theory]
    [InlineData("ch-gva-2", "https://api-ch-gva-2.exoscale.com/v2")]
    [InlineData("de-fra-1", "https://api-de-fra-1.exoscale.com/v2")]
    [InlineData("at-vie-2", "https://api-at-vie-2.exoscale.com/v2")]
    public void Endpoint_for_a_zone_is_its_v2_API(string zone, string expected) =>
        Assert.Equal(new Uri(expected), ExoscaleClientOptions.EndpointForZone(zone));

    [Theory]
    [InlineData("")]
    [InlineData("CH-GVA-2")]
    [InlineData("ch gva 2")]
    [InlineData("ch-gva-2.evil.example/")]
    [InlineData("-ch")]
    [InlineData("ch--gva")]
    public void Endpoint_for_a_malformed_zone_is_refused(string zone)
    {
        var error = Assert.Throws<ArgumentException>(() => ExoscaleClientOptions.EndpointForZone(zone));
        Assert.Contains("lowercase letters, digits and dashes", error.Message);
    }

    [Theory]
    [InlineData("https://api-ch-gva-2.exoscale.com/v2")]
    [InlineData("http://127.0.0.1:8080/v2")]
    [InlineData("http://127.0.0.5:8080/v2")]
    [InlineData("http://[::1]:8080/v2")]
    [InlineData("http://localhost:8080/v2")]
    [InlineData("http://LOCALHOST/v2")]
    public void Accepts_https_and_plain_http_to_loopback(string endpoint) => Valid(endpoint).Validate();

    [Theory]
    [InlineData("http://api-ch-gva-2.exoscale.com/v2")]
    [InlineData("http://192.0.2.10/v2")]
    [InlineData("http://128.0.0.1/v2")]
    [InlineData("http://localhost.example.com/v2")]
    public void Refuses_plain_http_off_loopback(string endpoint)
    {
        var error = Assert.Throws<ArgumentException>(() => Valid(endpoint).Validate());
        Assert.Contains("must use HTTPS", error.Message);
        Assert.Equal(nameof(ExoscaleClientOptions.Endpoint), error.ParamName);
    }

    [Theory]
    [InlineData("ftp://api.example.com/v2")]
    [InlineData("https://api-ch-gva-2.exoscale.com/v2?x=1")]
    public void Refuses_endpoints_that_are_not_a_plain_base_url(string endpoint) =>
        Assert.Throws<ArgumentException>(() => Valid(endpoint).Validate());

    [Fact]
    public void Requires_credentials_and_endpoint()
    {
        var noCredentials = Valid();
        noCredentials.Credentials = null!;
        Assert.Equal("Credentials", Assert.Throws<ArgumentException>(noCredentials.Validate).ParamName);

        var noEndpoint = Valid();
        noEndpoint.Endpoint = null!;
        Assert.Equal("Endpoint", Assert.Throws<ArgumentException>(noEndpoint.Validate).ParamName);
    }

    public static TheoryData<Action<ExoscaleClientOptions>, string> BadSettings => new()
    {
        { o => o.RequestTimeout = TimeSpan.Zero, "RequestTimeout" },
        { o => o.RequestTimeout = TimeSpan.FromMilliseconds(5), "RequestTimeout" },
        { o => o.MaxRetries = -1, "MaxRetries" },
        { o => o.RetryBaseDelay = TimeSpan.Zero, "RetryBaseDelay" },
        { o => o.RetryMaxDelay = TimeSpan.FromMilliseconds(500), "RetryMaxDelay" },
        { o => o.OperationPollInitial = TimeSpan.FromMilliseconds(-1), "OperationPollInitial" },
        { o => o.OperationPollMax = TimeSpan.FromMilliseconds(50), "OperationPollMax" },
        { o => o.OperationTimeout = TimeSpan.Zero, "OperationTimeout" },
        { o => o.TimeProvider = null!, "TimeProvider" },
        { o => o.Logger = null!, "Logger" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Names_the_setting_that_is_out_of_range(Action<ExoscaleClientOptions> spoil, string setting)
    {
        var options = Valid();
        spoil(options);
        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Equal(setting, error.ParamName);
        Assert.Contains(setting, error.Message);
    }

    [Fact]
    public void Defaults_follow_Exoscale_clients_and_fast_failover()
    {
        var options = Valid();
        options.Validate();
        Assert.Equal(TimeSpan.FromSeconds(10), options.RequestTimeout);
        Assert.Equal(4, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(1), options.RetryBaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), options.RetryMaxDelay);
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.OperationPollInitial);
        Assert.Equal(TimeSpan.FromSeconds(2), options.OperationPollMax);
        Assert.Equal(TimeSpan.FromMinutes(2), options.OperationTimeout);
        Assert.Same(TimeProvider.System, options.TimeProvider);
    }

    [Fact]
    public void The_client_validates_its_options()
    {
        var options = Valid("http://192.0.2.10/v2");
        Assert.Throws<ArgumentException>(() => new ExoscaleClient(options));
    }

    [Fact]
    public void Messages_name_the_zone_of_Exoscale_endpoints_and_the_url_of_others()
    {
        Assert.Equal("zone ch-gva-2", Valid().Location);
        Assert.Equal("the API at http://127.0.0.1:8080/v2", Valid("http://127.0.0.1:8080/v2").Location);
    }
}
