using System;
using System.Text;

namespace ExoIp.Exoscale;

/// <summary>
/// The visible text of an HTML page (a proxy's error page), on one line: tags dropped, script and style elements
/// dropped with their content, runs of white space as one space. Hand-written rather than a Regex, for the native
/// executable's size (see <see cref="ZoneName"/>); linear in the page's length, whatever the page.
/// </summary>
internal static class HtmlText
{
    private static readonly string[] HiddenElements = { "script", "style" };

    public static string Of(string html)
    {
        // Past the last '>' no tag can end, and past the last "</script" no script element can: knowing where
        // they are keeps every search below from scanning the rest of the page more than once.
        var lastTagEnd = html.LastIndexOf('>');
        var lastClosings = Array.ConvertAll(HiddenElements, name => html.LastIndexOf("</" + name, StringComparison.OrdinalIgnoreCase));
        var text = new StringBuilder(html.Length);
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '<' && i < lastTagEnd)
            {
                i = SkipTag(html, i, html.IndexOf('>', i + 1), lastClosings) + 1;
                AppendSpace(text);
                continue;
            }
            if (char.IsWhiteSpace(c)) AppendSpace(text);
            else text.Append(c);
            i++;
        }
        return text.ToString().Trim();
    }

    // The end of a tag, or of the closing tag of a script or style element that opens here.
    private static int SkipTag(string html, int tagStart, int tagEnd, int[] lastClosings)
    {
        for (var e = 0; e < HiddenElements.Length; e++)
        {
            var name = HiddenElements[e];
            if (!IsOpeningTag(html, tagStart, name)) continue;
            if (lastClosings[e] < tagEnd) return tagEnd;
            var closing = html.IndexOf("</" + name, tagEnd, StringComparison.OrdinalIgnoreCase);
            var closingEnd = html.IndexOf('>', closing);
            return closingEnd < 0 ? html.Length - 1 : closingEnd;
        }
        return tagEnd;
    }

    private static bool IsOpeningTag(string html, int tagStart, string name)
    {
        var after = tagStart + 1 + name.Length;
        return after < html.Length && string.Compare(html, tagStart + 1, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0 &&
            (html[after] == '>' || char.IsWhiteSpace(html[after]));
    }

    private static void AppendSpace(StringBuilder text)
    {
        if (text.Length > 0 && text[text.Length - 1] != ' ') text.Append(' ');
    }
}
