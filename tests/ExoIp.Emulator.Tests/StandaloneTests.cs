using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using ExoIp.Exoscale;

namespace ExoIp.Emulator.Tests;

/// <summary>The built program, run as scripts run it: <c>dotnet ExoIp.Emulator.dll …</c>.</summary>
public partial class StandaloneTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private const string SeedKey = "EXOemulatorkey000000000000";
    private const string SeedSecret = "emulator-secret-not-a-real-one";

    [Fact]
    public async Task Prints_its_address_first_serves_the_seed_and_stops_cleanly_on_sigterm()
    {
        var seed = Path.Combine(AppContext.BaseDirectory, "seed.example.json");
        using var process = Start("--address", "127.0.0.1", "--port", "0", "--seed", seed, "--operation-delay-ms", "10", "--verbose");
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (stderr) stderr.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        try
        {
            var first = await process.StandardOutput.ReadLineAsync().WaitAsync(Deadline);
            var match = ListeningLine().Match(first ?? string.Empty);
            Assert.True(match.Success, $"First line: '{first}'");

            using var http = new HttpClient { BaseAddress = new Uri(match.Groups["url"].Value) };
            Assert.Equal("e2e09c60-426f-43c4-8f8c-93cfb28b28e4", await http.GetStringAsync("latest/meta-data/instance-id"));
            using var request = new HttpRequestMessage(HttpMethod.Get, "v2/zone");
            request.Headers.TryAddWithoutValidation("Authorization", RequestSigner.CreateAuthorization(
                new ApiCredentials(SeedKey, SeedSecret), "GET", "/v2/zone", null, null,
                DateTimeOffset.UtcNow.AddMinutes(10)));
            using var zone = await http.SendAsync(request);
            Assert.Contains("ch-gva-2", await zone.Content.ReadAsStringAsync());

            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(0, Kill(process.Id, SigTerm));
                await process.WaitForExitAsync().WaitAsync(Deadline);
                Assert.Equal(0, process.ExitCode);
            }
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }

        lock (stderr) Assert.DoesNotContain(SeedSecret, stderr.ToString());
    }

    [Theory]
    [InlineData("--port", "many")]
    [InlineData("--bogus")]
    [InlineData("--seed", "/nonexistent/seed.json")]
    [InlineData("--address")]
    public async Task Bad_arguments_exit_with_2_and_the_usage(params string[] args)
    {
        using var process = Start(args);
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(Deadline);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("Usage:", await stderr);
        Assert.Equal(string.Empty, await process.StandardOutput.ReadToEndAsync());
    }

    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ExoIp.Emulator.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
    }

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [GeneratedRegex(@"^ExoIp emulator listening on (?<url>http://127\.0\.0\.1:\d+/)$")]
    private static partial Regex ListeningLine();
}
