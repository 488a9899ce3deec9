using System;
using System.Collections.Generic;
using RestSharp;

namespace ExoIp.Exoscale;

/// <summary>One API call to make, described once and turned into a fresh signed RestSharp request per attempt.</summary>
internal sealed class ApiRequest
{
    public ApiRequest(string operation, Method method, string resource, string resourceKind, string? resourceId,
        IReadOnlyList<KeyValuePair<string, string>>? query = null, string? body = null)
    {
        Operation = operation;
        Method = method;
        Resource = resource;
        ResourceKind = resourceKind;
        ResourceId = resourceId;
        Query = query ?? Array.Empty<KeyValuePair<string, string>>();
        Body = body;
    }

    /// <summary>The API's name for the call (its OpenAPI operationId, as IAM policies name it), e.g. <c>list-instances</c>.</summary>
    public string Operation { get; }

    /// <summary>GET or PUT.</summary>
    public Method Method { get; }

    /// <summary>The path below the endpoint, without a leading slash, e.g. <c>elastic-ip/{id}:attach</c>.</summary>
    public string Resource { get; }

    /// <summary>What a 404 means is missing: elastic-ip, instance, security-group, instance-pool, zone or operation.</summary>
    public string ResourceKind { get; }

    /// <summary>The id a 404 means is missing; null for lists.</summary>
    public string? ResourceId { get; }

    /// <summary>Query parameters, decoded values.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query { get; }

    /// <summary>The JSON body exactly as it is sent and signed, or null.</summary>
    public string? Body { get; }

    /// <summary>The HTTP method as the signature spells it.</summary>
    public string MethodName => Method.ToString().ToUpperInvariant();

    /// <summary>A new, unsigned RestSharp request (RestSharp requests collect headers, so each attempt needs its own).</summary>
    public RestRequest ToRestRequest()
    {
        var request = new RestRequest(Resource, Method);
        foreach (var parameter in Query) request.AddQueryParameter(parameter.Key, parameter.Value);
        if (Body is not null) request.AddStringBody(Body, ContentType.Json);
        return request;
    }
}
