using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using ExoIp.Exoscale;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace ExoIp.Emulator.Api;

/// <summary>
/// Checks EXO2-HMAC-SHA256 signatures as Exoscale does: the path as sent, the body as received, the query
/// values sorted by name, an expiry in the future. Refusals answer 403; the reason goes to the log and to
/// an <c>X-Emulator-Reason</c> header (the body stays as terse as the real API's).
/// </summary>
internal sealed class SignatureVerifier(EmulatorState state, TimeProvider time, ILogger logger)
{
    private const string Refused = "Invalid request signature";
    private const string Forbidden = "Forbidden: the API key's IAM role does not allow this operation";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var (reason, message) = await CheckAsync(context.Request);
        if (reason is null)
        {
            await next(context);
            return;
        }

        logger.LogInformation("Refused {Method} {Path}: {Reason}", context.Request.Method, context.Request.Path, reason);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.Headers["X-Emulator-Reason"] = reason;
        await context.Response.WriteAsJsonAsync(new { message }, EmulatorJson.Options);
    }

    /// <summary>Null when the request is correctly signed and allowed, else why not (never containing the secret) and the body's message.</summary>
    private async Task<(string? Reason, string Message)> CheckAsync(HttpRequest request)
    {
        if (!SignedAuthorization.TryParse(request.Headers.Authorization.ToString(), out var parsed) || parsed is null)
            return ("missing or malformed EXO2-HMAC-SHA256 Authorization header", Refused);
        var authorization = parsed;
        if (state.Read(s => s.TryGetSecret(authorization.Credential, out var found) ? found : null) is not { } secret)
            return ($"unknown API key {authorization.Credential}", Refused);
        if (authorization.Expires <= time.GetUtcNow().ToUnixTimeSeconds())
            return ($"expired at {DateTimeOffset.FromUnixTimeSeconds(authorization.Expires):O}", Refused + ": expired");

        var query = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in request.Query)
        {
            if (values.Count != 1) return ($"query parameter {name} is repeated, which a signature cannot cover", Refused);
            query.Add(new(name, values.ToString()));
        }

        var named = authorization.SignedQueryArgs;
        if (named.Count != query.Count || named.Distinct(StringComparer.Ordinal).Count() != named.Count ||
            !query.All(p => named.Contains(p.Key, StringComparer.Ordinal)))
            return ($"signed-query-args names [{string.Join(";", named)}] but the query has [{string.Join(";", query.Select(p => p.Key))}]", Refused);

        var expected = RequestSigner.ComputeSignature(
            secret, request.Method, PathOnTheWire(request), RequestSigner.SortQuery(query), await ReadBodyAsync(request),
            authorization.Expires.ToString(CultureInfo.InvariantCulture));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(authorization.Signature)))
            return ("the signature does not match the request", Refused);
        // A correctly signed call the key's IAM role does not allow.
        var operation = ExoscaleApiEndpoints.OperationOf(request.HttpContext);
        return operation is null || state.Read(s => s.Allows(authorization.Credential, operation))
            ? (null, Refused)
            : ($"the API key {authorization.Credential} may not call {operation}", Forbidden);
    }

    /// <summary>The path exactly as the client sent it: the signature covers the raw form, not a decoded one.</summary>
    private static string PathOnTheWire(HttpRequest request)
    {
        var target = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? "/";
        var question = target.IndexOf('?');
        return question < 0 ? target : target[..question];
    }

    /// <summary>Reads the body for the signature and rewinds it for the endpoint.</summary>
    private static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return body;
    }
}
