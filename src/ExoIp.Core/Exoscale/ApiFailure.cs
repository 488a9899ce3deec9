namespace ExoIp.Exoscale;

/// <summary>Turns a final (not retried) error answer into the typed exception a caller can act on.</summary>
internal static class ApiFailure
{
    /// <summary>The exception for an error answer; the message names the call and the status, never headers.</summary>
    /// <param name="request">The call, for the resource a 404 is about.</param>
    /// <param name="subject">Method and path as sent, e.g. <c>GET /v2/instance/…</c>.</param>
    /// <param name="status">The HTTP status, 400 or more.</param>
    /// <param name="reasonPhrase">The status text the server sent, if any.</param>
    /// <param name="body">The error body, in either of the API's styles.</param>
    /// <param name="location">Where the resources live, e.g. "zone ch-gva-2".</param>
    /// <param name="credentialsAccepted">The same credentials got a 2xx before: a 403 is about this operation only.</param>
    public static ExoscaleApiException FromAnswer(
        ApiRequest request, string subject, int status, string? reasonPhrase, string? body, string location, bool credentialsAccepted = false)
    {
        var answer = Answer(subject, status, reasonPhrase, body);
        if (status == 404)
        {
            var resource = request.ResourceId ?? subject;
            var message = request.ResourceId is null
                ? answer
                : $"No {Label(request.ResourceKind)} {request.ResourceId} in {location} ({answer}).";
            return new ExoscaleNotFoundException(message, request.ResourceKind, resource, status);
        }
        if (status is 401 or 403)
            return credentialsAccepted
                ? new ExoscaleAuthenticationException(
                    $"{answer}. The API key may not call {request.Operation}: its IAM role must allow that operation (the key's other calls are accepted).",
                    status, request.Operation, permissionDenied: true)
                : new ExoscaleAuthenticationException(
                    $"{answer}. Check the API key and secret, and that the key's IAM role allows {request.Operation}; " +
                    $"a signature is also refused when this machine's clock is wrong by more than a few minutes (signatures expire after {RequestSigner.DefaultValidity.TotalMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture)} minutes).",
                    status, request.Operation);
        if (status < 500) return new ExoscaleInvalidRequestException(answer, status);
        return new ExoscaleUnavailableException(answer, status);
    }

    /// <summary>"GET /v2/x answered 503 Service Unavailable: explanation".</summary>
    public static string Answer(string subject, int status, string? reasonPhrase, string? body) =>
        subject + " " + Answered(status, reasonPhrase, body);

    /// <summary>"answered 503 Service Unavailable: explanation".</summary>
    public static string Answered(int status, string? reasonPhrase, string? body)
    {
        var explanation = ApiErrorBody.Explanation(body);
        var text = string.IsNullOrWhiteSpace(reasonPhrase) ? $"answered {status}" : $"answered {status} {reasonPhrase}";
        return explanation is null ? text : $"{text}: {explanation}";
    }

    private static string Label(string resourceKind) => resourceKind switch
    {
        "elastic-ip" => "Elastic IP",
        _ => resourceKind.Replace('-', ' '),
    };
}
