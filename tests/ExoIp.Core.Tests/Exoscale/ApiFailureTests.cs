using ExoIp.Exoscale;
using RestSharp;

namespace ExoIp.Tests.Exoscale;

public class ApiFailureTests
{
    private const string EipId = "5a30ca7d-b1e7-430a-a46a-c6ecefec4305";
    private static readonly ApiRequest GetEip = new("get-elastic-ip", Method.Get, "elastic-ip/" + EipId, "elastic-ip", EipId);
    private const string Subject = "GET /v2/elastic-ip/" + EipId;

    [Fact]
    public void Not_found_names_the_resource_kind_id_and_zone()
    {
        var error = Assert.IsType<ExoscaleNotFoundException>(
            ApiFailure.FromAnswer(GetEip, Subject, 404, "Not Found", "{\"message\":\"no such elastic ip\"}", "zone ch-gva-2"));
        Assert.Equal("elastic-ip", error.ResourceKind);
        Assert.Equal(EipId, error.Resource);
        Assert.Equal(404, error.StatusCode);
        Assert.Equal($"No Elastic IP {EipId} in zone ch-gva-2 ({Subject} answered 404 Not Found: no such elastic ip).", error.Message);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public void Refused_credentials_are_an_authentication_error_with_the_API_message(int status)
    {
        var error = Assert.IsType<ExoscaleAuthenticationException>(
            ApiFailure.FromAnswer(GetEip, Subject, status, null, "{\"message\":\"Invalid request signature\"}", "zone ch-gva-2"));
        Assert.Equal(status, error.StatusCode);
        Assert.StartsWith($"{Subject} answered {status}: Invalid request signature.", error.Message);
    }

    [Fact]
    public void A_403_names_the_operation_and_after_accepted_calls_says_it_is_a_permission_not_the_key()
    {
        var first = Assert.IsType<ExoscaleAuthenticationException>(
            ApiFailure.FromAnswer(GetEip, Subject, 403, null, "{\"message\":\"Forbidden\"}", "zone ch-gva-2"));
        Assert.False(first.IsPermissionDenied);
        Assert.Equal("get-elastic-ip", first.Operation);
        Assert.Contains("Check the API key and secret, and that the key's IAM role allows get-elastic-ip", first.Message);
        Assert.Contains("clock", first.Message);
        Assert.Contains("signatures expire after 10 minutes", first.Message);

        var later = Assert.IsType<ExoscaleAuthenticationException>(
            ApiFailure.FromAnswer(GetEip, Subject, 403, null, "{\"message\":\"Forbidden\"}", "zone ch-gva-2", credentialsAccepted: true));
        Assert.True(later.IsPermissionDenied);
        Assert.Contains("The API key may not call get-elastic-ip", later.Message);
        Assert.DoesNotContain("Check the API key and secret", later.Message);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(409)]
    [InlineData(422)]
    [InlineData(302)]
    public void Other_refusals_are_invalid_requests(int status)
    {
        var error = Assert.IsType<ExoscaleInvalidRequestException>(
            ApiFailure.FromAnswer(GetEip, Subject, status, "Nope", "{\"title\":\"Bad\",\"detail\":\"why\"}", "zone ch-gva-2"));
        Assert.Equal($"{Subject} answered {status} Nope: Bad: why", error.Message);
    }

    [Fact]
    public void Not_implemented_is_unavailable() =>
        Assert.IsType<ExoscaleUnavailableException>(ApiFailure.FromAnswer(GetEip, Subject, 501, "Not Implemented", null, "zone ch-gva-2"));

    [Theory]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(501, false)]
    [InlineData(400, false)]
    [InlineData(404, false)]
    [InlineData(200, false)]
    public void Retries_what_Exoscale_clients_retry(int status, bool transient) =>
        Assert.Equal(transient, TransientApiFailure.IsTransientStatus(status));
}
