using System;
using System.Management.Automation;
using ExoIp.Authentication;
using ExoIp.Configuration;
using ExoIp.Exoscale;
using ExoIp.PowerShell.Hosting;

namespace ExoIp.PowerShell.Infrastructure;

/// <summary>
/// Turns core exceptions into ErrorRecords with stable ErrorIds and fitting categories, so scripts can
/// branch on <c>FullyQualifiedErrorId</c> instead of parsing messages.
/// </summary>
public static class ErrorRecords
{
    /// <summary>The ErrorRecord for an exception raised by the core while acting on <paramref name="target"/>.</summary>
    public static ErrorRecord From(Exception exception, object? target)
    {
        var (id, category) = exception switch
        {
            ExoscaleNotFoundException notFound => (NotFoundId(notFound.ResourceKind), ErrorCategory.ObjectNotFound),
            ExoscaleAuthenticationException { IsPermissionDenied: true } => ("OperationForbidden", ErrorCategory.PermissionDenied),
            ExoscaleAuthenticationException => ("AuthenticationFailed", ErrorCategory.AuthenticationError),
            ExoscaleInvalidRequestException => ("InvalidRequest", ErrorCategory.InvalidArgument),
            ExoscaleUnavailableException => ("ApiUnavailable", ErrorCategory.ConnectionError),
            ExoscaleTimeoutException => ("ApiTimeout", ErrorCategory.OperationTimeout),
            ExoscaleOperationFailedException => ("OperationFailed", ErrorCategory.InvalidResult),
            MetadataUnavailableException => ("MetadataUnavailable", ErrorCategory.ResourceUnavailable),
            AuthKeyException key => ("AuthKey" + key.Problem, AuthKeyCategory(key.Problem)),
            ManagedElasticIpException => ("ManagedElasticIp", ErrorCategory.InvalidOperation),
            ConfigurationException { IsMissing: true } => ("MissingConfiguration", ErrorCategory.InvalidArgument),
            ConfigurationException => ("InvalidConfiguration", ErrorCategory.InvalidArgument),
            WatchdogBindException => ("BindFailed", ErrorCategory.ResourceUnavailable),
            WatchdogNameInUseException => ("WatchdogNameInUse", ErrorCategory.ResourceExists),
            OperationCanceledException => ("OperationStopped", ErrorCategory.OperationStopped),
            _ => ("UnexpectedError", ErrorCategory.NotSpecified),
        };
        return new ErrorRecord(exception, id, category, target);
    }

    private static ErrorCategory AuthKeyCategory(AuthKeyProblem problem) => problem switch
    {
        AuthKeyProblem.FileNotFound => ErrorCategory.ObjectNotFound,
        AuthKeyProblem.FileUnreadable => ErrorCategory.ReadError,
        AuthKeyProblem.FileUnwritable => ErrorCategory.WriteError,
        AuthKeyProblem.FileTooOpen => ErrorCategory.SecurityError,
        AuthKeyProblem.FileExists => ErrorCategory.ResourceExists,
        _ => ErrorCategory.InvalidArgument,
    };

    private static string NotFoundId(string resourceKind) => resourceKind switch
    {
        "elastic-ip" => "ElasticIpNotFound",
        "instance" => "InstanceNotFound",
        "security-group" => "SecurityGroupNotFound",
        "instance-pool" => "InstancePoolNotFound",
        "operation" => "OperationNotFound",
        _ => "ResourceNotFound",
    };
}
