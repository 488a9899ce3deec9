using System;
using System.Net;
using ExoIp.Authentication;
using ExoIp.Protocol;

namespace ExoIp.PowerShell.Output;

/// <summary>A decoded (or rejected) advertisement datagram, as ConvertFrom-ExoIpAdvertisement emits it.</summary>
public sealed class AdvertisementRecord
{
    internal AdvertisementRecord(int length, bool accepted, AdvertisementRejection rejection, Advertisement? advertisement, AdvertisementTrailer? trailer)
    {
        Length = length;
        Accepted = accepted;
        Rejection = rejection;
        if (trailer is { } t)
        {
            KeyId = AuthKey.FormatId(t.KeyId);
            Timestamp = t.Time;
        }
        if (advertisement is not { } advert) return;
        Priority = advert.Priority;
        ElasticIp = advert.ElasticIp;
        Identity = advert.Identity;
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

    /// <summary>For a datagram of an authenticated advert's size: the id of the key it claims (checked only with a key).</summary>
    public string? KeyId { get; }

    /// <summary>For a datagram of an authenticated advert's size: the time in its trailer (checked only with a key).</summary>
    public DateTimeOffset? Timestamp { get; }
}
