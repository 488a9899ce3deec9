using System;
using System.Net;
using System.Security.Cryptography;
using ExoIp.Authentication;
using ExoIp.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace ExoIp.Tests.Protocol;

public class AuthenticatedAdvertisementTests
{
    // The README's wire-format vector, computed independently (Python's hmac module).
    private const string VectorKey = "exoip-test-vector-key-0123456789";
    private const string VectorHex =
        "02012a2ac63364321128bd56b4d94ac6a7b9c715b187ce11" + "0cb58654" + "0006474846204000" + "26871295bbf07ef5e3ff780121366363";
    private static readonly DateTimeOffset VectorTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Guid Identity = Guid.Parse("1128bd56-b4d9-4ac6-a7b9-c715b187ce11");
    private static readonly Guid Other = Guid.Parse("22222222-b4d9-4ac6-a7b9-c715b187ce11");
    private static readonly IPAddress ElasticIp = IPAddress.Parse("198.51.100.50");
    private static readonly TimeSpan Window = AdvertisementVerifier.WindowFor(TimeSpan.FromSeconds(1), 3);

    private static AuthKey Key(string text = VectorKey) => AuthKey.FromText(text, "the test");
    private static AuthKeyRing Ring(string text = VectorKey) => new(Key(text));

    private static byte[] Sign(AdvertisementSigner signer, byte priority = 42, Guid? identity = null)
    {
        var buffer = new byte[AuthenticatedAdvertisement.Size];
        Assert.Equal(AuthenticatedAdvertisement.Size, signer.Sign(new Advertisement(priority, ElasticIp, identity ?? Identity), buffer));
        return buffer;
    }

    private static AdvertisementRejection Verify(AdvertisementVerifier verifier, byte[] datagram)
    {
        verifier.TryVerify(datagram, out _, out _, out var rejection);
        return rejection;
    }

    [Fact]
    public void Signs_the_golden_vector()
    {
        using var signer = new AdvertisementSigner(Ring(), new FakeTimeProvider(VectorTime));
        Assert.Equal(VectorHex, Convert.ToHexString(Sign(signer)).ToLowerInvariant());
        Assert.Equal(52, AuthenticatedAdvertisement.Size);
        Assert.Equal("0cb58654", Key().IdText);
    }

    [Fact]
    public void Verifies_the_golden_vector()
    {
        using var verifier = new AdvertisementVerifier(Ring(), new FakeTimeProvider(VectorTime), Window);
        Assert.True(verifier.TryVerify(Convert.FromHexString(VectorHex), out var advert, out var trailer, out var rejection));
        Assert.Equal(AdvertisementRejection.None, rejection);
        Assert.Equal(42, advert.Priority);
        Assert.Equal(Identity, advert.Identity);
        Assert.True(advert.Names(ElasticIp));
        Assert.Equal(0x0cb58654u, trailer.KeyId);
        Assert.Equal(VectorTime, trailer.Time);
    }

    [Fact]
    public void The_mac_is_the_platform_hmac_truncated()
    {
        // Cross-checks the reused-instance path against a one-shot HMAC for many random keys and adverts.
        var random = new Random(12);
        var clock = new FakeTimeProvider(VectorTime);
        for (var i = 0; i < 200; i++)
        {
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16 + random.Next(48)));
            using var signer = new AdvertisementSigner(Ring(key), clock);
            clock.Advance(TimeSpan.FromMilliseconds(random.Next(1, 5000)));
            var datagram = Sign(signer, (byte)random.Next(256), Guid.NewGuid());
            var expected = HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key), datagram.AsSpan(0, 36))[..16];
            Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(datagram, 36, 16));
        }
    }

    [Fact]
    public void A_plain_advert_is_unauthenticated_and_garbage_keeps_its_codec_reason()
    {
        using var verifier = new AdvertisementVerifier(Ring(), new FakeTimeProvider(VectorTime), Window);
        Assert.Equal(AdvertisementRejection.Unauthenticated, Verify(verifier, new Advertisement(1, ElasticIp, Identity).Encode()));
        var badCheck = new Advertisement(1, ElasticIp, Identity).Encode();
        badCheck[3] ^= 1;
        Assert.Equal(AdvertisementRejection.PriorityCheckMismatch, Verify(verifier, badCheck));
        Assert.Equal(AdvertisementRejection.WrongLength, Verify(verifier, new byte[51]));
        Assert.Equal(AdvertisementRejection.WrongLength, Verify(verifier, new byte[53]));
        Assert.Equal(AdvertisementRejection.WrongVersion, Verify(verifier, new byte[52]));
    }

    [Theory]
    [InlineData(2)]   // priority
    [InlineData(9)]   // identity
    [InlineData(27)]  // key id
    [InlineData(35)]  // timestamp
    [InlineData(40)]  // MAC
    [InlineData(51)]  // MAC, last byte
    public void Any_changed_byte_is_refused(int offset)
    {
        var datagram = Convert.FromHexString(VectorHex);
        if (offset == 2) datagram[3] ^= 1; // keep the codec's check byte consistent: only the MAC may refuse it
        datagram[offset] ^= 1;
        using var verifier = new AdvertisementVerifier(Ring(), new FakeTimeProvider(VectorTime), Window);
        var expected = offset is >= 24 and < 28 ? AdvertisementRejection.UnknownKey : AdvertisementRejection.Unauthenticated;
        Assert.Equal(expected, Verify(verifier, datagram));
    }

    [Fact]
    public void Another_key_is_unknown_and_a_forged_mac_under_the_right_id_is_unauthenticated()
    {
        var clock = new FakeTimeProvider(VectorTime);
        using var stranger = new AdvertisementSigner(Ring("another-key-of-at-least-16-bytes"), clock);
        using var verifier = new AdvertisementVerifier(Ring(), clock, Window);
        var foreign = Sign(stranger);
        Assert.Equal(AdvertisementRejection.UnknownKey, Verify(verifier, foreign));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(foreign.AsSpan(24), Key().Id);
        Assert.Equal(AdvertisementRejection.Unauthenticated, Verify(verifier, foreign));
    }

    [Fact]
    public void A_replay_is_refused_even_inside_the_window_and_newer_adverts_still_pass()
    {
        var clock = new FakeTimeProvider(VectorTime);
        using var signer = new AdvertisementSigner(Ring(), clock);
        using var verifier = new AdvertisementVerifier(Ring(), clock, Window);
        var first = Sign(signer);
        var second = Sign(signer); // same instant: the signer still moves the timestamp on
        Assert.Equal(AdvertisementRejection.None, Verify(verifier, first));
        Assert.Equal(AdvertisementRejection.Replayed, Verify(verifier, first));
        Assert.Equal(AdvertisementRejection.None, Verify(verifier, second));
        Assert.Equal(AdvertisementRejection.Replayed, Verify(verifier, first));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(AdvertisementRejection.Replayed, Verify(verifier, second));
        Assert.Equal(AdvertisementRejection.None, Verify(verifier, Sign(signer)));
    }

    [Fact]
    public void Replays_are_tracked_per_sender()
    {
        var clock = new FakeTimeProvider(VectorTime);
        using var a = new AdvertisementSigner(Ring(), clock);
        using var b = new AdvertisementSigner(Ring(), new FakeTimeProvider(VectorTime - TimeSpan.FromSeconds(2)));
        using var verifier = new AdvertisementVerifier(Ring(), clock, Window);
        Assert.Equal(AdvertisementRejection.None, Verify(verifier, Sign(a)));
        // B's clock is 2 s behind A's: older than A's last advert, but B's own first.
        Assert.Equal(AdvertisementRejection.None, Verify(verifier, Sign(b, identity: Other)));
    }

    [Fact]
    public void Outside_the_window_is_stale_either_way()
    {
        var senderClock = new FakeTimeProvider(VectorTime);
        var receiverClock = new FakeTimeProvider(VectorTime);
        using var signer = new AdvertisementSigner(Ring(), senderClock);
        using var verifier = new AdvertisementVerifier(Ring(), receiverClock, Window);
        var captured = Sign(signer);
        receiverClock.Advance(Window + TimeSpan.FromMilliseconds(1));
        Assert.Equal(AdvertisementRejection.Stale, Verify(verifier, captured));
        senderClock.Advance(Window + Window + TimeSpan.FromMilliseconds(2));
        Assert.Equal(AdvertisementRejection.Stale, Verify(verifier, Sign(signer)));
        receiverClock.Advance(Window);
        Assert.Equal(AdvertisementRejection.None, Verify(verifier, Sign(signer)));
    }

    [Fact]
    public void A_restarted_sender_is_not_locked_out_by_its_old_timestamps()
    {
        var clock = new FakeTimeProvider(VectorTime);
        using var verifier = new AdvertisementVerifier(Ring(), clock, Window);
        using (var before = new AdvertisementSigner(Ring(), clock))
        {
            for (var i = 0; i < 5; i++) Assert.Equal(AdvertisementRejection.None, Verify(verifier, Sign(before)));
        }
        clock.Advance(TimeSpan.FromMilliseconds(1));
        using var after = new AdvertisementSigner(Ring(), clock); // nothing carried over
        Assert.Equal(AdvertisementRejection.None, Verify(verifier, Sign(after)));
    }

    [Fact]
    public void A_ring_accepts_both_keys_and_signs_with_the_first()
    {
        var clock = new FakeTimeProvider(VectorTime);
        var oldKey = Key();
        var newKey = Key("the-next-key-of-at-least-16-bytes");
        using var oldSigner = new AdvertisementSigner(new AuthKeyRing(oldKey), clock);
        using var newSigner = new AdvertisementSigner(new AuthKeyRing(newKey, oldKey), clock);
        using var both = new AdvertisementVerifier(new AuthKeyRing(oldKey, newKey), clock, Window);
        using var onlyOld = new AdvertisementVerifier(new AuthKeyRing(oldKey), clock, Window);

        var byNew = Sign(newSigner, identity: Other);
        Assert.True(AuthenticatedAdvertisement.TryReadTrailer(byNew, out var trailer));
        Assert.Equal(newKey.Id, trailer.KeyId);
        Assert.Equal(AdvertisementRejection.None, Verify(both, Sign(oldSigner)));
        Assert.Equal(AdvertisementRejection.None, Verify(both, byNew));
        Assert.Equal(AdvertisementRejection.UnknownKey, Verify(onlyOld, byNew));
    }

    [Fact]
    public void Keys_swapped_at_run_time_take_effect_at_the_next_advert_and_keep_the_replay_memory()
    {
        var clock = new FakeTimeProvider(VectorTime);
        var oldKey = Key();
        var newKey = Key("the-next-key-of-at-least-16-bytes");
        using var signer = new AdvertisementSigner(new AuthKeyRing(oldKey), clock);
        using var verifier = new AdvertisementVerifier(new AuthKeyRing(oldKey), clock, Window);
        var underOld = Sign(signer);
        Assert.Equal(AdvertisementRejection.None, Verify(verifier, underOld));

        verifier.UseKeys(new AuthKeyRing(newKey, oldKey));
        signer.UseKeys(new AuthKeyRing(newKey));
        Assert.Equal(newKey, signer.Keys.Current);
        var underNew = Sign(signer);
        Assert.True(AuthenticatedAdvertisement.TryReadTrailer(underNew, out var trailer));
        Assert.Equal(newKey.Id, trailer.KeyId);
        Assert.Equal(AdvertisementRejection.None, Verify(verifier, underNew));
        Assert.Equal(AdvertisementRejection.Replayed, Verify(verifier, underOld));
    }

    [Fact]
    public void Signing_with_the_next_key_reaches_a_peer_that_has_only_that_one_and_a_ring_of_one_key_stays_as_it_is()
    {
        var clock = new FakeTimeProvider(VectorTime);
        var oldKey = Key();
        var newKey = Key("the-next-key-of-at-least-16-bytes");
        using var ahead = new AdvertisementSigner(new AuthKeyRing(newKey, oldKey), clock);
        using var onlyOld = new AdvertisementVerifier(new AuthKeyRing(oldKey), clock, Window);
        Assert.Equal(AdvertisementRejection.UnknownKey, Verify(onlyOld, Sign(ahead)));

        ahead.SignWithNextKey();

        Assert.Equal(oldKey, ahead.Keys.Current);
        Assert.Equal(newKey, ahead.Keys.Next);
        Assert.Equal(AdvertisementRejection.None, Verify(onlyOld, Sign(ahead)));

        using var single = new AdvertisementSigner(new AuthKeyRing(newKey), clock);
        single.SignWithNextKey();
        Assert.Equal(newKey, single.Keys.Current);
        Assert.Null(single.Keys.Next);
    }

    [Fact]
    public void The_window_is_the_dead_time_plus_the_clock_allowance()
    {
        Assert.Equal(TimeSpan.FromSeconds(4), AdvertisementVerifier.WindowFor(TimeSpan.FromSeconds(1), 3));
        Assert.Equal(TimeSpan.FromMilliseconds(1300), AdvertisementVerifier.WindowFor(TimeSpan.FromMilliseconds(100), 3));
    }
}
