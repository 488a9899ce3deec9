using ExoIp.Exoscale;

namespace ExoIp.Tests.Exoscale;

public class ApiErrorBodyTests
{
    [Theory]
    [InlineData("{\"message\":\"Invalid request signature\"}", "Invalid request signature")]
    [InlineData("{\"message\":\"  spaced  \",\"title\":\"ignored\"}", "spaced")]
    [InlineData("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"detail\":\"instance is not in zone\"}", "Bad Request: instance is not in zone")]
    [InlineData("{\"title\":\"Not Found\"}", "Not Found")]
    [InlineData("{\"detail\":\"only detail\"}", "only detail")]
    [InlineData("{\"title\":\"Same\",\"detail\":\"Same\"}", "Same")]
    public void Reads_both_error_styles(string body, string expected) =>
        Assert.Equal(expected, ApiErrorBody.Explanation(body));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("<html>Bad Gateway</html>")]
    [InlineData("[\"message\"]")]
    [InlineData("{\"message\":42}")]
    [InlineData("{\"errors\":[]}")]
    public void Has_nothing_to_say_about_other_bodies(string? body) => Assert.Null(ApiErrorBody.Explanation(body));

    [Fact]
    public void Cuts_a_flood_short()
    {
        var explanation = ApiErrorBody.Explanation("{\"message\":\"" + new string('x', 5000) + "\"}");
        Assert.NotNull(explanation);
        Assert.True(explanation!.Length < 400);
        Assert.EndsWith("…", explanation);
    }
}
