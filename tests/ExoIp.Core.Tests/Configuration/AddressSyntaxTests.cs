using ExoIp.Configuration;

namespace ExoIp.Tests.Configuration;

public class AddressSyntaxTests
{
    [Theory]
    [InlineData("198.51.100.50", true)]
    [InlineData(" 198.51.100.50 ", true)]
    [InlineData("5a30ca7d-b1e7-430a-a46a-c6ecefec4305", true)]
    [InlineData("198.51.100.300", false)]
    [InlineData("10.1", false)]
    [InlineData("not-an-ip", false)]
    [InlineData("2001:db8::1", false)]
    [InlineData("5a30ca7db1e7430aa46ac6ecefec4305", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Knows_an_Elastic_IP_reference(string? text, bool expected) =>
        Assert.Equal(expected, AddressSyntax.IsElasticIpReference(text));

    [Fact]
    public void Names_the_value_and_its_source_when_refusing_it() =>
        Assert.Equal("'10.1' from IF_ADDRESS is neither an IPv4 address (such as 198.51.100.50) nor an Elastic IP id (a UUID).",
            AddressSyntax.NotAnElasticIp("10.1", "IF_ADDRESS"));
}
