using System.Diagnostics;
using System.Linq;
using ExoIp.Processes;

namespace ExoIp.Tests.Processes;

public class ArgumentQuotingTests
{
    public static TheoryData<string[]> Arguments => new()
    {
        new[] { "plain", "two words", "" },
        new[] { "quote\"inside", "\"", "back\\slash", "trailing\\", "trailing space\\ ", "\\\"", "a\\\\\"b" },
        new[] { "tab\there", "$HOME", "'single'", "semi;colon", "ünïcode" },
    };

    [Theory]
    [MemberData(nameof(Arguments))]
    public void A_real_process_receives_exactly_the_arguments(string[] arguments)
    {
        // printf writes each argument followed by a NUL, which no argument can contain.
        var start = new ProcessStartInfo("printf", ArgumentQuoting.Join(new[] { "%s\\0" }.Concat(arguments)))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        Assert.Equal(arguments, output.Split('\0')[..^1]);
    }

    [Theory]
    [InlineData("simple", "simple")]
    [InlineData("two words", "\"two words\"")]
    [InlineData("", "\"\"")]
    [InlineData("a\\b", "a\\b")]
    public void Quotes_only_when_it_must(string argument, string expected)
    {
        Assert.Equal(expected, ArgumentQuoting.Quote(argument));
    }
}
