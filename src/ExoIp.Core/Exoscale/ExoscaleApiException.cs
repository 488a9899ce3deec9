using System;

namespace ExoIp.Exoscale;

/// <summary>
/// A failed Exoscale API call. Subclasses say what kind of failure; messages never contain the secret.
/// </summary>
public abstract class ExoscaleApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected ExoscaleApiException(string message, int? statusCode = null, Exception? inner = null)
        : base(message, inner)
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status the API answered, when it answered.</summary>
    public int? StatusCode { get; }
}

/// <summary>The resource (Elastic IP, instance, security group, operation) does not exist (404).</summary>
public sealed class ExoscaleNotFoundException : ExoscaleApiException
{
    /// <summary>Creates the exception.</summary>
    public ExoscaleNotFoundException(string message, string resourceKind, string resource, int? statusCode = 404)
        : base(message, statusCode)
    {
        ResourceKind = resourceKind;
        Resource = resource;
    }

    /// <summary>What kind of resource: elastic-ip, instance, security-group, operation.</summary>
    public string ResourceKind { get; }

    /// <summary>The id or address asked for.</summary>
    public string Resource { get; }
}

/// <summary>The API refused the credentials, the signature, or the key's permission for one operation (401/403).</summary>
public sealed class ExoscaleAuthenticationException : ExoscaleApiException
{
    /// <summary>Creates the exception.</summary>
    public ExoscaleAuthenticationException(string message, int statusCode, string? operation = null, bool permissionDenied = false)
        : base(message, statusCode)
    {
        Operation = operation;
        IsPermissionDenied = permissionDenied;
    }

    /// <summary>The refused operation, as IAM policies name it (e.g. <c>list-instance-pools</c>).</summary>
    public string? Operation { get; }

    /// <summary>
    /// True when the same credentials were accepted for another call: the key is right, but its IAM role does not
    /// allow this operation.
    /// </summary>
    public bool IsPermissionDenied { get; }
}

/// <summary>The API refused the request as invalid (other 4xx).</summary>
public sealed class ExoscaleInvalidRequestException : ExoscaleApiException
{
    /// <summary>Creates the exception.</summary>
    public ExoscaleInvalidRequestException(string message, int statusCode) : base(message, statusCode) { }
}

/// <summary>The API could not be reached or kept failing (connection errors, 429, 5xx) after the retries.</summary>
public sealed class ExoscaleUnavailableException : ExoscaleApiException
{
    /// <summary>Creates the exception.</summary>
    public ExoscaleUnavailableException(string message, int? statusCode = null, Exception? inner = null)
        : base(message, statusCode, inner) { }
}

/// <summary>A request, or the wait for an operation, took longer than its bound.</summary>
public sealed class ExoscaleTimeoutException : ExoscaleApiException
{
    /// <summary>Creates the exception.</summary>
    public ExoscaleTimeoutException(string message, string? operationId = null, Exception? inner = null)
        : base(message, null, inner)
    {
        OperationId = operationId;
    }

    /// <summary>The operation waited for, when the timeout was an operation's.</summary>
    public string? OperationId { get; }
}

/// <summary>An operation finished in failure or timeout, or was gone before it finished, and the change is not in place.</summary>
public sealed class ExoscaleOperationFailedException : ExoscaleApiException
{
    /// <summary>Creates the exception.</summary>
    public ExoscaleOperationFailedException(string message, string operationId, string state, string? reason)
        : base(message)
    {
        OperationId = operationId;
        State = state;
        Reason = reason;
    }

    /// <summary>The operation's id.</summary>
    public string OperationId { get; }

    /// <summary>Its final state: failure or timeout; "gone" when polling it answered 404.</summary>
    public string State { get; }

    /// <summary>The reason the API gave.</summary>
    public string? Reason { get; }
}
