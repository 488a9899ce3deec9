using System.Linq;
using System.Net;
using ExoIp.Configuration;

namespace ExoIp.Tests.Configuration;

public class PeerListTests
{
    [Theory]
    [InlineData("10.0.0.2,10.0.0.3")]
    [InlineData("10.0.0.2 10.0.0.3")]
    [InlineData(" 10.0.0.2,\t10.0.0.3 , ")]
    [InlineData("10.0.0.2, 10.0.0.3, 10.0.0.2")]
    public void Splits_on_commas_spaces_and_tabs_and_keeps_each_address_once(string text)
    {
        var list = PeerList.Parse(text);
        Assert.Equal(new[] { IPAddress.Parse("10.0.0.2"), IPAddress.Parse("10.0.0.3") }, list.Addresses);
        Assert.Empty(list.Invalid);
    }

    [Fact]
    public void Joins_several_values_as_a_cmdlet_array_gives_them()
    {
        var list = PeerList.Parse(new[] { "10.0.0.2,10.0.0.3", "10.0.0.4", null });
        Assert.Equal(new[] { "10.0.0.2", "10.0.0.3", "10.0.0.4" }, list.Addresses.Select(a => a.ToString()));
    }

    [Fact]
    public void Reports_every_entry_that_is_not_an_IPv4_address_as_written()
    {
        var list = PeerList.Parse("10.0.0.2, 10.1, peer-b, 10.0.0.300, ::1");
        Assert.Equal(new[] { IPAddress.Parse("10.0.0.2") }, list.Addresses);
        Assert.Equal(new[] { "10.1", "peer-b", "10.0.0.300", "::1" }, list.Invalid);
    }
}
