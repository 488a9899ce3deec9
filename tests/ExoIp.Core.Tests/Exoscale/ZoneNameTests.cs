using ExoIp.Exoscale;
using Xunit;

namespace ExoIp.Tests.Exoscale;

public class ZoneNameTests
{
    [Theory]
    [InlineData("ch-gva-2")]
    [InlineData("de-fra-1")]
    [InlineData("at-vie-1")]
    [InlineData("zone1")]
    public void Accepts_zone_names(string zone) => Assert.True(ZoneName.IsValid(zone));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("-ch-gva-2")]
    [InlineData("ch-gva-2-")]
    [InlineData("ch--gva-2")]
    [InlineData("CH-GVA-2")]
    [InlineData("ch_gva_2")]
    [InlineData("ch-gva-2\n")]
    [InlineData("ch gva")]
    [InlineData("ch-gvä-2")]
    public void Refuses_anything_else(string? zone) => Assert.False(ZoneName.IsValid(zone));

    [Theory]
    [InlineData("api-ch-gva-2.exoscale.com", "ch-gva-2")]
    [InlineData("api-de-fra-1.exoscale.com", "de-fra-1")]
    [InlineData("api.exoscale.com", null)]
    [InlineData("api-.exoscale.com", null)]
    [InlineData("api-ch-gva-2.exoscale.com.example.org", null)]
    [InlineData("ppapi-ch-gva-2.exoscale.com", null)]
    [InlineData("api-ch_gva.exoscale.com", null)]
    [InlineData("127.0.0.1", null)]
    public void Reads_the_zone_of_an_API_host(string host, string? zone) => Assert.Equal(zone, ZoneName.OfApiHost(host));
}
