using System;
using System.Collections.Generic;
using System.Text;

namespace ExoIp.Processes;

/// <summary>
/// Splits a command line such as <c>/usr/local/bin/check --name 'my service'</c> into its words, the way a
/// POSIX shell would quote them but without any of its expansions: no shell ever runs. Single quotes keep
/// everything literal; double quotes keep spaces, and a backslash inside them escapes <c>"</c> or <c>\</c>;
/// outside quotes a backslash escapes a quote, a backslash or a blank. Any other backslash is literal, so
/// Windows paths (<c>C:\tools\check.exe</c>) need no doubling.
/// </summary>
public static class ArgumentSplitter
{
    /// <summary>The words of <paramref name="commandLine"/>.</summary>
    /// <exception cref="FormatException">A quote is not closed.</exception>
    public static IReadOnlyList<string> Split(string commandLine)
    {
        if (commandLine is null) throw new ArgumentNullException(nameof(commandLine));
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        for (var i = 0; i < commandLine.Length; i++)
        {
            var c = commandLine[i];
            var next = i + 1 < commandLine.Length ? commandLine[i + 1] : '\0';
            if (quote == '\'')
            {
                if (c == '\'') quote = null;
                else word.Append(c);
            }
            else if (quote == '"')
            {
                if (c == '"') quote = null;
                else if (c == '\\' && next is '"' or '\\') word.Append(commandLine[++i]);
                else word.Append(c);
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
            else
            {
                inWord = true;
                if (c is '\'' or '"') quote = c;
                else if (c == '\\' && (next is '"' or '\'' or '\\' || char.IsWhiteSpace(next))) word.Append(commandLine[++i]);
                else word.Append(c);
            }
        }
        if (quote is { } open) throw new FormatException($"The quote {open} opened in <{commandLine}> is not closed.");
        if (inWord) words.Add(word.ToString());
        return words;
    }
}
