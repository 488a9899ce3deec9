using ExoIp.Exoscale;
using Xunit;

namespace ExoIp.Tests.Exoscale;

public class HtmlTextTests
{
    [Theory]
    [InlineData("<h1>Bad Gateway</h1>", "Bad Gateway")]
    [InlineData("<p class=\"x\">one</p><p>two</p>", "one two")]
    [InlineData("<SCRIPT type=\"text/javascript\">var a = '<b>';</SCRIPT>shown", "shown")]
    [InlineData("<style>p { color: red }</Style>after", "after")]
    [InlineData("<scripted>kept</scripted>", "kept")]
    [InlineData("<script>never closed", "never closed")]
    [InlineData("<script><style>x", "x")]
    [InlineData("a < b", "a < b")]
    [InlineData("1 < 2 > 0", "1 0")]
    [InlineData("  line\r\n\tbreak  ", "line break")]
    [InlineData("", "")]
    public void Keeps_the_visible_text_on_one_line(string html, string text) => Assert.Equal(text, HtmlText.Of(html));
}
