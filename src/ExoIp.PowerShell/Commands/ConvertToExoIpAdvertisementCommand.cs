using System;
using System.Management.Automation;
using System.Net;
using ExoIp.Protocol;

namespace ExoIp.PowerShell.Commands;

/// <summary>Encodes a watchdog advertisement into its 24 bytes, for tests and diagnostics.</summary>
[Cmdlet(VerbsData.ConvertTo, "ExoIpAdvertisement")]
[OutputType(typeof(byte[]))]
public sealed class ConvertToExoIpAdvertisementCommand : PSCmdlet
{
    /// <summary>The Elastic IP the advertisement names.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    public IPAddress ElasticIp { get; set; } = IPAddress.None;

    /// <summary>The sender's priority, 0-255; lower wins.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(0, 255)]
    public int Priority { get; set; } = 10;

    /// <summary>The sender's identity: its instance id.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("InstanceId")]
    public Guid Identity { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        byte[] datagram;
        try
        {
            datagram = new Advertisement((byte)Priority, ElasticIp, Identity).Encode();
        }
        catch (ArgumentException e)
        {
            WriteError(new ErrorRecord(e, "InvalidElasticIp", ErrorCategory.InvalidArgument, ElasticIp));
            return;
        }
        // One array, not 24 bytes down the pipeline.
        WriteObject(datagram, enumerateCollection: false);
    }
}
