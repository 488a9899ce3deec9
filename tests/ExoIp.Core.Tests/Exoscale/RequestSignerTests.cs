using System;
using System.Collections.Generic;
using ExoIp.Exoscale;

namespace ExoIp.Tests.Exoscale;

public class RequestSignerTests
{
    private static readonly ApiCredentials Credentials = new("EXOxxxxxxxxxxxxxxxxxxxxxxxx", new string('X', 43));
    private static readonly DateTimeOffset Expires = DateTimeOffset.FromUnixTimeSeconds(3376684800);

    public static TheoryData<string, string, string?, string?, string> PublishedVectors => new()
    {
        { "GET", "/v2/zone", null, null, "Ntbq/p0HVmA3Zg1HHY+Lq1vjFGi7HeMrrgXDS5jRNlY=" },
        { "GET", "/v2/zone", "k1=v1&k2=v2", null, "iqOBz13+44L5j0uJclE8hmUhQQcvtCSoPEOXYK6liqY=" },
        {
            "PUT", "/v2/elastic-ip/5a30ca7d-b1e7-430a-a46a-c6ecefec4305:attach", null,
            "{\"instance\":{\"id\":\"e2e09c60-426f-43c4-8f8c-93cfb28b28e4\"}}",
            "e9zo05oUr3r8P5gGunYcYeajobmPE2qIx2be0OB7wuo="
        },
        { "GET", "/v2/instance", "ip-address=194.182.169.25", null, "47QctnzgbZ5npyhzDI/WxKqSuyiGspPjS+PmVgIy/Qs=" },
        { "GET", "/v2/instance/e2e09c60-426f-43c4-8f8c-93cfb28b28e4", null, null, "CF1rIlFpGCp6ulGhWEk3RWnS2dgfvK4P6kAHWx+UVP8=" },
    };

    private static List<KeyValuePair<string, string>> Query(string? text)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (text is null) return pairs;
        foreach (var part in text.Split('&'))
        {
            var kv = part.Split('=', 2);
            pairs.Add(new(kv[0], kv[1]));
        }
        return pairs;
    }

    [Theory]
    [MemberData(nameof(PublishedVectors))]
    public void Matches_the_published_vectors(string method, string path, string? query, string? body, string expected)
    {
        var header = RequestSigner.CreateAuthorization(Credentials, method, path, Query(query), body, Expires);
        Assert.EndsWith(",signature=" + expected, header);
        Assert.StartsWith("EXO2-HMAC-SHA256 credential=EXOxxxxxxxxxxxxxxxxxxxxxxxx,", header);
        Assert.Contains(",expires=3376684800,", header);
    }

    [Fact]
    public void Names_the_signed_query_args_in_sorted_order()
    {
        var query = new List<KeyValuePair<string, string>> { new("k2", "v2"), new("k1", "v1") };
        var header = RequestSigner.CreateAuthorization(Credentials, "GET", "/v2/zone", query, null, Expires);
        Assert.Contains(",signed-query-args=k1;k2,", header);
        Assert.EndsWith("iqOBz13+44L5j0uJclE8hmUhQQcvtCSoPEOXYK6liqY=", header);
    }

    [Fact]
    public void Omits_signed_query_args_without_a_query()
    {
        var header = RequestSigner.CreateAuthorization(Credentials, "GET", "/v2/zone", null, null, Expires);
        Assert.DoesNotContain("signed-query-args", header);
    }

    [Fact]
    public void Parses_back_what_it_writes_even_with_a_padded_signature()
    {
        var header = RequestSigner.CreateAuthorization(Credentials, "GET", "/v2/zone", Query("k1=v1&k2=v2"), null, Expires);
        Assert.True(SignedAuthorization.TryParse(header, out var parsed));
        Assert.Equal(Credentials.Key, parsed!.Credential);
        Assert.Equal(new[] { "k1", "k2" }, parsed.SignedQueryArgs);
        Assert.Equal(3376684800, parsed.Expires);
        Assert.Equal("iqOBz13+44L5j0uJclE8hmUhQQcvtCSoPEOXYK6liqY=", parsed.Signature);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer abc")]
    [InlineData("EXO2-HMAC-SHA256 credential=k,expires=x,signature=s")]
    [InlineData("EXO2-HMAC-SHA256 expires=1,signature=s")]
    [InlineData("EXO2-HMAC-SHA256 credential=k,expires=1")]
    [InlineData("EXO2-HMAC-SHA256 credential=k,expires=1,signature=s,extra=1")]
    [InlineData("EXO2-HMAC-SHA256 credential=k,,expires=1,signature=s")]
    public void Refuses_malformed_headers(string? header)
    {
        Assert.False(SignedAuthorization.TryParse(header, out _));
    }

    [Fact]
    public void Never_shows_the_secret_in_text()
    {
        var credentials = new ApiCredentials("EXOkey", "very-secret-value");
        Assert.DoesNotContain("very-secret-value", credentials.ToString());
    }
}
