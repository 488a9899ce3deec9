using System.Management.Automation;
using ExoIp.Configuration;

namespace ExoIp.PowerShell.Infrastructure;

/// <summary>
/// Refuses, at parameter binding, a value that is neither an IPv4 address nor an Elastic IP id
/// (<see cref="AddressSyntax.IsElasticIpReference"/>), before any API call.
/// </summary>
public sealed class ValidateElasticIpAttribute : ValidateArgumentsAttribute
{
    /// <inheritdoc />
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        var text = arguments is PSObject wrapped ? wrapped.BaseObject?.ToString() : arguments?.ToString();
        if (!AddressSyntax.IsElasticIpReference(text))
            throw new ValidationMetadataException(AddressSyntax.NotAnElasticIp(text ?? string.Empty, "-ElasticIp"));
    }
}
