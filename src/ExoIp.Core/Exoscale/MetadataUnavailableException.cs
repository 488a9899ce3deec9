using System;

namespace ExoIp.Exoscale;

/// <summary>
/// The instance metadata service did not give a usable answer: the machine is probably not an Exoscale
/// instance (or has no public IP, hence no HTTP metadata).
/// </summary>
public sealed class MetadataUnavailableException : Exception
{
    /// <summary>Creates the exception; the message names the URL and what to do instead.</summary>
    public MetadataUnavailableException(Uri url, string reason, Exception? inner = null)
        : base($"The instance metadata at {url} is unavailable ({reason}). This machine does not look like an " +
               "Exoscale instance with a public IP, and no cidata CD-ROM could be read where IF_EXOSCALE_METADATA_CDROM " +
               $"(default {CidataCdRom.DefaultPath}) says; give the instance id explicitly.", inner)
    {
        Url = url;
        Reason = reason;
    }

    /// <summary>The URL that was asked.</summary>
    public Uri Url { get; }

    /// <summary>What went wrong: no answer, a status, or content that is not what was expected.</summary>
    public string Reason { get; }
}
