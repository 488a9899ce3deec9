using System;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace ExoIp.Protocol;

/// <summary>
/// One watchdog advertisement: the 24-byte UDP datagram every node sends to its peers each interval.
/// Layout: version <c>02 01</c>, priority, priority again (check byte), the Elastic IP (IPv4, network
/// order), the sender's identity UUID in RFC 4122 (big-endian) byte order.
/// </summary>
public readonly struct Advertisement : IEquatable<Advertisement>
{
    /// <summary>The exact size of an advertisement on the wire.</summary>
    public const int Size = 24;

    /// <summary>First protocol version byte.</summary>
    public const byte VersionMajor = 0x02;

    /// <summary>Second protocol version byte.</summary>
    public const byte VersionMinor = 0x01;

    private readonly uint _address; // the Elastic IP as read in network order

    /// <summary>Creates an advertisement.</summary>
    /// <exception cref="ArgumentException">The Elastic IP is not a unicast IPv4 address.</exception>
    public Advertisement(byte priority, IPAddress elasticIp, Guid identity)
    {
        if (elasticIp is null) throw new ArgumentNullException(nameof(elasticIp));
        if (elasticIp.AddressFamily != AddressFamily.InterNetwork)
            throw new ArgumentException($"'{elasticIp}' is not an IPv4 address.", nameof(elasticIp));
        var address = BinaryPrimitives.ReadUInt32BigEndian(elasticIp.GetAddressBytes());
        if (!IsUnicast(address))
            throw new ArgumentException($"'{elasticIp}' is not a unicast IPv4 address.", nameof(elasticIp));
        Priority = priority;
        Identity = identity;
        _address = address;
    }

    private Advertisement(byte priority, uint address, Guid identity)
    {
        Priority = priority;
        Identity = identity;
        _address = address;
    }

    /// <summary>The sender's priority; lower wins.</summary>
    public byte Priority { get; }

    /// <summary>The Elastic IP the sender watches over.</summary>
    public IPAddress ElasticIp
    {
        get
        {
            var bytes = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(bytes, _address);
            return new IPAddress(bytes);
        }
    }

    /// <summary>The sender's identity: its Exoscale instance id.</summary>
    public Guid Identity { get; }

    /// <summary>True when this advertisement names <paramref name="elasticIp"/>.</summary>
    public bool Names(IPAddress elasticIp)
    {
        if (elasticIp is null || elasticIp.AddressFamily != AddressFamily.InterNetwork) return false;
        return BinaryPrimitives.ReadUInt32BigEndian(elasticIp.GetAddressBytes()) == _address;
    }

    /// <summary>Encodes into a new 24-byte array.</summary>
    public byte[] Encode()
    {
        var buffer = new byte[Size];
        WriteTo(buffer);
        return buffer;
    }

    /// <summary>Encodes into the first 24 bytes of <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination)
    {
        if (destination.Length < Size)
            throw new ArgumentException($"The destination needs {Size} bytes.", nameof(destination));
        destination[0] = VersionMajor;
        destination[1] = VersionMinor;
        destination[2] = Priority;
        destination[3] = Priority;
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(4, 4), _address);
        UuidBytes.Write(Identity, destination.Slice(8, 16));
    }

    /// <summary>
    /// Decodes a datagram. Never throws on bad input: garbage from the network is the normal case, and
    /// <paramref name="rejection"/> says why a datagram was refused.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> datagram, out Advertisement advertisement, out AdvertisementRejection rejection)
    {
        advertisement = default;
        rejection = Validate(datagram);
        if (rejection != AdvertisementRejection.None) return false;
        advertisement = new Advertisement(
            datagram[2],
            BinaryPrimitives.ReadUInt32BigEndian(datagram.Slice(4, 4)),
            UuidBytes.Read(datagram.Slice(8, 16)));
        return true;
    }

    private static AdvertisementRejection Validate(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length != Size) return AdvertisementRejection.WrongLength;
        if (datagram[0] != VersionMajor || datagram[1] != VersionMinor) return AdvertisementRejection.WrongVersion;
        if (datagram[2] != datagram[3]) return AdvertisementRejection.PriorityCheckMismatch;
        if (!IsUnicast(BinaryPrimitives.ReadUInt32BigEndian(datagram.Slice(4, 4)))) return AdvertisementRejection.NotIPv4;
        return AdvertisementRejection.None;
    }

    // 0.0.0.0/8 is "this network", 224.0.0.0/4 multicast, 240.0.0.0/4 reserved (with broadcast).
    private static bool IsUnicast(uint address) => (address >> 24) != 0 && (address >> 28) < 0xE;

    /// <inheritdoc />
    public bool Equals(Advertisement other) =>
        Priority == other.Priority && _address == other._address && Identity == other.Identity;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Advertisement other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => (Priority, _address, Identity).GetHashCode();

    /// <summary>Value equality.</summary>
    public static bool operator ==(Advertisement left, Advertisement right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(Advertisement left, Advertisement right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => $"priority {Priority}, {ElasticIp}, from {Identity}";
}
