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
    [InlineData("{\"error\":\"key expired\"}", "key expired")]
    [InlineData("{\"message\":\"\",\"error\":\"from error\"}", "from error")]
    [InlineData("{\"title\":\"Bad Request\",\"detail\":\"invalid body\",\"errors\":[{\"detail\":\"must be a UUID\",\"location\":\"$['id']\"},\"second\"]}",
        "Bad Request: invalid body: $['id'] must be a UUID: second")]
    [InlineData("<html><head><title>502</title><style>p{}</style></head><body><h1>Bad   Gateway</h1>\n<p>nginx</p></body></html>", "502 Bad Gateway nginx")]
    [InlineData("upstream connect error", "upstream connect error")]
    public void Reads_every_error_style(string body, string expected) =>
        Assert.Equal(expected, ApiErrorBody.Explanation(body));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("<html> </html>")]
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
