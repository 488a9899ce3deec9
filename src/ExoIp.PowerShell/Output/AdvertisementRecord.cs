using System;
using System.Net;
using ExoIp.Protocol;

namespace ExoIp.PowerShell.Output;

/// <summary>A decoded (or rejected) advertisement datagram, as ConvertFrom-ExoIpAdvertisement emits it.</summary>
public sealed class AdvertisementRecord
{
    internal AdvertisementRecord(int length, bool accepted, AdvertisementRejection rejection, Advertisement advertisement)
    {
        Length = length;
        Accepted = accepted;
        Rejection = rejection;
        if (!accepted) return;
        Priority = advertisement.Priority;
        ElasticIp = advertisement.ElasticIp;
        Identity = advertisement.Identity;
    }

    /// <summary>True when the datagram is a valid advertisement.</summary>
    public bool Accepted { get; }

    /// <summary>Why it was rejected; None when accepted.</summary>
    public AdvertisementRejection Rejection { get; }

    /// <summary>The datagram's length in bytes.</summary>
    public int Length { get; }

    /// <summary>The advertised priority (lower wins).</summary>
    public byte? Priority { get; }

    /// <summary>The Elastic IP the sender watches over.</summary>
    public IPAddress? ElasticIp { get; }

    /// <summary>The sender's identity (its instance id).</summary>
    public Guid? Identity { get; }
}
