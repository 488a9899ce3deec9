using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using ExoIp.Exoscale;

namespace ExoIp.Emulator.Tests;

public class SignatureTests
{
    /// <summary>The published vectors' credentials; their expiry (3376684800) lies in 2077.</summary>
    private static readonly ApiCredentials VectorCredentials = new("EXOxxxxxxxxxxxxxxxxxxxxxxxx", new string('X', 43));

    private static async Task<ExoscaleEmulator> StartWithVectorCredentialsAsync()
    {
        var emulator = await TestSeed.StartAsync();
        emulator.State.AddCredentials(VectorCredentials.Key, VectorCredentials.Secret);
        return emulator;
    }

    [Theory]
    [InlineData("v2/zone", "Ntbq/p0HVmA3Zg1HHY+Lq1vjFGi7HeMrrgXDS5jRNlY=", null)]
    [InlineData("v2/instance/e2e09c60-426f-43c4-8f8c-93cfb28b28e4", "CF1rIlFpGCp6ulGhWEk3RWnS2dgfvK4P6kAHWx+UVP8=", null)]
    [InlineData("v2/instance?ip-address=194.182.169.25", "47QctnzgbZ5npyhzDI/WxKqSuyiGspPjS+PmVgIy/Qs=", "ip-address")]
    public async Task Accepts_the_published_vectors_verbatim(string target, string signature, string? signedArgs)
    {
        await using var emulator = await StartWithVectorCredentialsAsync();
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, target);
        var args = signedArgs is null ? string.Empty : $",signed-query-args={signedArgs}";
        request.Headers.TryAddWithoutValidation(
            "Authorization", $"EXO2-HMAC-SHA256 credential={VectorCredentials.Key}{args},expires=3376684800,signature={signature}");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Accepts_the_published_attach_vector_with_its_body()
    {
        await using var emulator = await StartWithVectorCredentialsAsync();
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Put, $"v2/elastic-ip/{TestSeed.ElasticIpId}:attach")
        {
            Content = new StringContent("""{"instance":{"id":"e2e09c60-426f-43c4-8f8c-93cfb28b28e4"}}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation(
            "Authorization", $"EXO2-HMAC-SHA256 credential={VectorCredentials.Key},expires=3376684800,signature=e9zo05oUr3r8P5gGunYcYeajobmPE2qIx2be0OB7wuo=");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string, Func<string, string>> Tampered => new()
    {
        { "bad signature", h => h[..^4] + "AAA=" },
        { "unknown key", h => h.Replace(TestSeed.Credentials.Key, "EXOunknown") },
        { "missing signature", h => h[..h.IndexOf(",signature=", StringComparison.Ordinal)] },
        { "other scheme", h => h.Replace("EXO2-HMAC-SHA256", "Bearer") },
        { "empty", _ => string.Empty },
        { "names an extra query arg", h => h.Replace(",expires=", ",signed-query-args=ip-address,expires=") },
    };

    [Theory]
    [MemberData(nameof(Tampered))]
    public async Task Refuses_a_bad_authorization_with_403(string why, Func<string, string> tamper)
    {
        await using var emulator = await TestSeed.StartAsync();
        using var client = new SignedApiClient(emulator);

        using var response = await client.SendAsync(HttpMethod.Get, "/zone", alterAuthorization: tamper);

        Assert.Equal("Invalid request signature", await Json.ReadErrorAsync(response, HttpStatusCode.Forbidden));
        Assert.True(response.Headers.Contains("X-Emulator-Reason"), why);
    }

    [Fact]
    public async Task Refuses_an_expired_signature_and_says_so()
    {
        await using var emulator = await TestSeed.StartAsync();
        using var client = new SignedApiClient(emulator);

        using var response = await client.SendAsync(HttpMethod.Get, "/zone", expires: DateTimeOffset.UtcNow.AddSeconds(-5));

        Assert.Contains("expired", await Json.ReadErrorAsync(response, HttpStatusCode.Forbidden));
    }

    [Fact]
    public async Task Refuses_a_query_parameter_the_signature_does_not_name()
    {
        await using var emulator = await TestSeed.StartAsync();
        using var client = new SignedApiClient(emulator);
        using var request = client.Sign(HttpMethod.Get, "/instance");
        request.RequestUri = new Uri("v2/instance?ip-address=" + TestSeed.NodeAIp, UriKind.Relative);

        using var response = await client.Http.SendAsync(request);

        await Json.ReadErrorAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Refuses_a_repeated_query_parameter_even_when_signed()
    {
        await using var emulator = await TestSeed.StartAsync();
        using var client = new SignedApiClient(emulator);

        using var response = await client.GetAsync($"/instance?ip-address={TestSeed.NodeAIp}&ip-address={TestSeed.NodeBIp}");

        await Json.ReadErrorAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("repeated", Assert.Single(response.Headers.GetValues("X-Emulator-Reason")));
    }

    [Fact]
    public async Task Refuses_a_body_other_than_the_signed_one()
    {
        await using var emulator = await TestSeed.StartAsync();
        using var client = new SignedApiClient(emulator);
        using var request = client.Sign(HttpMethod.Put, $"/elastic-ip/{TestSeed.ElasticIpId}:attach", $$$"""{"instance":{"id":"{{{TestSeed.NodeA}}}"}}""");
        request.Content = new StringContent($$$"""{"instance":{"id":"{{{TestSeed.NodeB}}}"}}""", System.Text.Encoding.UTF8, "application/json");

        using var response = await client.Http.SendAsync(request);

        await Json.ReadErrorAsync(response, HttpStatusCode.Forbidden);
        Assert.Empty(emulator.HoldersOf(TestSeed.ElasticIpId));
    }

    [Fact]
    public async Task Refuses_a_signature_made_with_another_secret()
    {
        await using var emulator = await TestSeed.StartAsync();
        using var client = new SignedApiClient(emulator, new ApiCredentials(TestSeed.Credentials.Key, "not-the-secret"));

        using var response = await client.GetAsync("/zone");

        await Json.ReadErrorAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Leaves_metadata_unsigned()
    {
        await using var emulator = await TestSeed.StartAsync();
        using var http = new HttpClient();

        Assert.Equal(TestSeed.NodeA, await http.GetStringAsync(new Uri(emulator.MetadataEndpoint(), "instance-id")));
    }
}
