using System;
using System.Linq;
using System.Net;
using ExoIp.Protocol;

namespace ExoIp.Tests.Protocol;

public class AdvertisementTests
{
    private static readonly Guid GoldenId = Guid.Parse("1128bd56-b4d9-4ac6-a7b9-c715b187ce11");
    private static readonly byte[] GoldenIdBytes =
        { 0x11, 0x28, 0xbd, 0x56, 0xb4, 0xd9, 0x4a, 0xc6, 0xa7, 0xb9, 0xc7, 0x15, 0xb1, 0x87, 0xce, 0x11 };

    private static byte[] GoldenDatagram()
    {
        var bytes = new byte[24];
        bytes[0] = 0x02; bytes[1] = 0x01; bytes[2] = 42; bytes[3] = 42;
        bytes[4] = 198; bytes[5] = 51; bytes[6] = 100; bytes[7] = 50;
        GoldenIdBytes.CopyTo(bytes, 8);
        return bytes;
    }

    [Fact]
    public void Encodes_the_golden_vector_with_the_identity_in_rfc4122_order()
    {
        var encoded = new Advertisement(42, IPAddress.Parse("198.51.100.50"), GoldenId).Encode();
        Assert.Equal(GoldenDatagram(), encoded);
    }

    [Fact]
    public void Decodes_the_golden_vector()
    {
        Assert.True(Advertisement.TryDecode(GoldenDatagram(), out var ad, out var why));
        Assert.Equal(AdvertisementRejection.None, why);
        Assert.Equal(42, ad.Priority);
        Assert.Equal(IPAddress.Parse("198.51.100.50"), ad.ElasticIp);
        Assert.Equal(GoldenId, ad.Identity);
        Assert.True(ad.Names(IPAddress.Parse("198.51.100.50")));
        Assert.False(ad.Names(IPAddress.Parse("198.51.100.51")));
    }

    [Fact]
    public void Guid_ToByteArray_would_have_been_wrong()
    {
        // Guards the reason UuidBytes exists: the platform's byte order differs from RFC 4122.
        Assert.NotEqual(GoldenIdBytes, GoldenId.ToByteArray());
        var written = new byte[16];
        UuidBytes.Write(GoldenId, written);
        Assert.Equal(GoldenIdBytes, written);
        Assert.Equal(GoldenId, UuidBytes.Read(GoldenIdBytes));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(23)]
    [InlineData(25)]
    [InlineData(30)]
    [InlineData(1500)]
    public void Rejects_any_length_but_24(int length)
    {
        var datagram = new byte[length];
        Array.Copy(GoldenDatagram(), datagram, Math.Min(length, 24));
        Assert.False(Advertisement.TryDecode(datagram, out _, out var why));
        Assert.Equal(AdvertisementRejection.WrongLength, why);
    }

    [Theory]
    [InlineData(0x01, 0x01)]
    [InlineData(0x02, 0x02)]
    [InlineData(0x00, 0x00)]
    [InlineData(0x01, 0x02)]
    public void Rejects_another_version(byte major, byte minor)
    {
        var datagram = GoldenDatagram();
        datagram[0] = major; datagram[1] = minor;
        Assert.False(Advertisement.TryDecode(datagram, out _, out var why));
        Assert.Equal(AdvertisementRejection.WrongVersion, why);
    }

    [Fact]
    public void Rejects_a_priority_check_byte_mismatch()
    {
        var datagram = GoldenDatagram();
        datagram[3] = 43;
        Assert.False(Advertisement.TryDecode(datagram, out _, out var why));
        Assert.Equal(AdvertisementRejection.PriorityCheckMismatch, why);
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("0.1.2.3")]
    [InlineData("224.0.0.1")]
    [InlineData("239.255.255.250")]
    [InlineData("240.0.0.1")]
    [InlineData("255.255.255.255")]
    public void Rejects_an_address_that_is_not_unicast_ipv4(string address)
    {
        var datagram = GoldenDatagram();
        IPAddress.Parse(address).GetAddressBytes().CopyTo(datagram, 4);
        Assert.False(Advertisement.TryDecode(datagram, out _, out var why));
        Assert.Equal(AdvertisementRejection.NotIPv4, why);
    }

    [Theory]
    [InlineData("::1")]
    [InlineData("224.0.0.1")]
    [InlineData("0.0.0.0")]
    public void Refuses_to_build_an_advertisement_for_a_non_unicast_ipv4(string address)
    {
        Assert.Throws<ArgumentException>(() => new Advertisement(10, IPAddress.Parse(address), GoldenId));
    }

    [Fact]
    public void Accepts_the_ascii_bytes_info_as_ordinary_data()
    {
        // The original exoip treated any datagram containing "info" as a command. 105.110.102.111 is "info".
        var ad = new Advertisement(10, IPAddress.Parse("105.110.102.111"), GoldenId);
        Assert.True(Advertisement.TryDecode(ad.Encode(), out var decoded, out _));
        Assert.Equal(ad, decoded);
    }

    [Fact]
    public void Round_trips_many_random_valid_values()
    {
        var random = new Random(20261127);
        var address = new byte[4];
        var id = new byte[16];
        for (var i = 0; i < 20_000; i++)
        {
            random.NextBytes(address);
            address[0] = (byte)random.Next(1, 224);
            random.NextBytes(id);
            var original = new Advertisement((byte)random.Next(256), new IPAddress(address), new Guid(id));

            var wire = original.Encode();
            Assert.Equal(Advertisement.Size, wire.Length);
            Assert.True(Advertisement.TryDecode(wire, out var decoded, out var why), why.ToString());
            Assert.Equal(original, decoded);
            Assert.Equal(original.ElasticIp, decoded.ElasticIp);
            Assert.Equal(original.Identity, decoded.Identity);
        }
    }

    [Fact]
    public void Decodes_random_and_mutated_buffers_without_throwing_and_names_a_reason()
    {
        var random = new Random(7);
        var golden = GoldenDatagram();
        // The codec's own reasons; the others are an authenticating verifier's (AuthenticatedAdvertisementTests).
        var codecReasons = new[]
        {
            AdvertisementRejection.None, AdvertisementRejection.WrongLength, AdvertisementRejection.WrongVersion,
            AdvertisementRejection.PriorityCheckMismatch, AdvertisementRejection.NotIPv4,
        };
        var counts = new int[Enum.GetValues(typeof(AdvertisementRejection)).Length];
        for (var i = 0; i < 200_000; i++)
        {
            byte[] buffer;
            if (i % 2 == 0)
            {
                buffer = new byte[random.Next(0, 64)];
                random.NextBytes(buffer);
            }
            else
            {
                buffer = (byte[])golden.Clone();
                for (var flips = random.Next(1, 4); flips > 0; flips--)
                    buffer[random.Next(24)] ^= (byte)(1 << random.Next(8));
            }

            var accepted = Advertisement.TryDecode(buffer, out var ad, out var why);
            Assert.Equal(accepted, why == AdvertisementRejection.None);
            if (accepted) Assert.Equal(buffer, ad.Encode());
            counts[(int)why]++;
        }

        // Every codec reason was exercised by the mix, including acceptance, and no other.
        Assert.All(codecReasons, reason => Assert.True(counts[(int)reason] > 0, reason.ToString()));
        Assert.Equal(counts.Sum(), codecReasons.Sum(reason => counts[(int)reason]));
    }
}
