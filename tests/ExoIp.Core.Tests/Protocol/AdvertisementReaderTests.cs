using System;
using System.Net;
using ExoIp.Authentication;
using ExoIp.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace ExoIp.Tests.Protocol;

public class AdvertisementReaderTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private static readonly Advertisement Advert = new(10, IPAddress.Parse("198.51.100.50"), Guid.Parse("1128bd56-b4d9-4ac6-a7b9-c715b187ce11"));
    private static readonly AuthKeyRing Ring = new(AuthKey.FromText("exoip-test-vector-key-0123456789", "test"));
    private static readonly AuthKeyRing OtherRing = new(AuthKey.FromText("another-key-of-at-least-16-bytes", "test"));

    private static byte[] Signed(AuthKeyRing ring) => Signed(ring, Advert);

    private static byte[] Signed(AuthKeyRing ring, Advertisement advert)
    {
        using var signer = new AdvertisementSigner(ring, Clock);
        var bytes = new byte[AuthenticatedAdvertisement.Size];
        signer.Sign(advert, bytes);
        return bytes;
    }

    private static AdvertisementReader Keyed() => new(new AdvertisementVerifier(Ring, Clock, TimeSpan.FromSeconds(4)));

    [Fact]
    public void Without_a_key_reads_plain_adverts_and_calls_an_authenticated_one_a_key_mismatch()
    {
        using var reader = new AdvertisementReader(null);
        Assert.False(reader.Keyed);
        Assert.True(reader.TryRead(Advert.Encode(), out var read, out _));
        Assert.Equal(Advert, read);

        var signed = Signed(Ring);
        Assert.False(reader.TryRead(signed, out _, out var why));
        Assert.Equal(AdvertisementRejection.WrongLength, why);
        Assert.True(reader.IsKeyMismatch(signed, why));
        Assert.Contains("has a key and this one has none", reader.MismatchHint);
    }

    [Fact]
    public void Without_a_key_garbage_of_any_length_is_no_mismatch()
    {
        using var reader = new AdvertisementReader(null);
        var garbage = new byte[AuthenticatedAdvertisement.Size];
        Assert.False(reader.TryRead(garbage, out _, out var why));
        Assert.False(reader.IsKeyMismatch(garbage, why));
        var trailing = new byte[30];
        Advert.WriteTo(trailing);
        Assert.False(reader.TryRead(trailing, out _, out why));
        Assert.False(reader.IsKeyMismatch(trailing, why));
    }

    [Fact]
    public void With_a_key_reads_only_verified_adverts_and_calls_plain_or_other_keys_a_mismatch()
    {
        using var reader = Keyed();
        Assert.True(reader.Keyed);
        Assert.True(reader.TryRead(Signed(Ring), out var read, out _));
        Assert.Equal(Advert, read);

        foreach (var refused in new[] { Advert.Encode(), Signed(OtherRing) })
        {
            Assert.False(reader.TryRead(refused, out _, out var why));
            Assert.True(reader.IsKeyMismatch(refused, why), why.ToString());
        }
        Assert.Contains("0cb58654", reader.MismatchHint);
    }

    [Fact]
    public void With_a_key_replays_stale_adverts_and_garbage_are_no_mismatch()
    {
        using var reader = Keyed();
        var signed = Signed(Ring);
        Assert.True(reader.TryRead(signed, out _, out _));
        Assert.False(reader.TryRead(signed, out _, out var replayed));
        Assert.Equal(AdvertisementRejection.Replayed, replayed);
        Assert.False(reader.IsKeyMismatch(signed, replayed));
        var garbage = new byte[7];
        Assert.False(reader.TryRead(garbage, out _, out var why));
        Assert.False(reader.IsKeyMismatch(garbage, why));
    }

    [Fact]
    public void A_verified_advert_says_whether_it_was_signed_with_the_next_key()
    {
        var next = AuthKey.FromText("the-next-key-of-at-least-16-bytes", "test");
        using var reader = new AdvertisementReader(new AdvertisementVerifier(new AuthKeyRing(Ring.Current, next), Clock, TimeSpan.FromSeconds(4)));

        Assert.True(reader.TryRead(Signed(Ring), out _, out _, out var byCurrent));
        Assert.False(byCurrent);
        var fromAnother = new Advertisement(10, IPAddress.Parse("198.51.100.50"), Guid.Parse("2228bd56-b4d9-4ac6-a7b9-c715b187ce22")); // no replay of the first
        Assert.True(reader.TryRead(Signed(new AuthKeyRing(next), fromAnother), out var read, out _, out var byNext));
        Assert.True(byNext);
        Assert.Equal(fromAnother, read);
        Assert.False(reader.TryRead(Signed(OtherRing), out _, out _, out var byStranger));
        Assert.False(byStranger);
    }
}
