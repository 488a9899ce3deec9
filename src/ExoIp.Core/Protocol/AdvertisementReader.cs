using System;

namespace ExoIp.Protocol;

/// <summary>
/// Reads received datagrams as this node's setting wants them: with a key, only verified authenticated
/// adverts; without, only the original's 24 bytes. It also tells a refusal that points to a cluster whose
/// nodes disagree about keys from mere garbage. Used by the receiving thread only.
/// </summary>
public sealed class AdvertisementReader : IDisposable
{
    private readonly AdvertisementVerifier? _verifier;

    /// <summary>A reader for a node with a key (<paramref name="verifier"/>) or without (null).</summary>
    public AdvertisementReader(AdvertisementVerifier? verifier)
    {
        _verifier = verifier;
    }

    /// <summary>True when this node has a key.</summary>
    public bool Keyed => _verifier is not null;

    /// <summary>The verifier, for a key swap; null without a key.</summary>
    public AdvertisementVerifier? Verifier => _verifier;

    /// <summary>Reads a datagram; never throws on bad input.</summary>
    public bool TryRead(ReadOnlySpan<byte> datagram, out Advertisement advertisement, out AdvertisementRejection rejection) =>
        TryRead(datagram, out advertisement, out rejection, out _);

    /// <summary>
    /// Reads a datagram; <paramref name="signedWithNextKey"/> says whether a verified advert was signed with this
    /// node's next key rather than its current one (its sender is behind in a rotation, or ahead). Never throws on bad input.
    /// </summary>
    public bool TryRead(ReadOnlySpan<byte> datagram, out Advertisement advertisement, out AdvertisementRejection rejection, out bool signedWithNextKey)
    {
        signedWithNextKey = false;
        if (_verifier is null) return Advertisement.TryDecode(datagram, out advertisement, out rejection);
        if (!_verifier.TryVerify(datagram, out advertisement, out var trailer, out rejection)) return false;
        signedWithNextKey = trailer.KeyId != _verifier.Keys.Current.Id;
        return true;
    }

    /// <summary>
    /// True when a datagram refused for <paramref name="rejection"/> is most likely an advert of a node whose
    /// key setting differs from this one's: an authenticated advert at a node without a key, or at a keyed node
    /// a plain advert or one signed with another key. From a peer's address, that is a misconfiguration to
    /// report, not noise (a forgery looks the same; see README, "Authenticated adverts").
    /// </summary>
    public bool IsKeyMismatch(ReadOnlySpan<byte> datagram, AdvertisementRejection rejection)
    {
        if (_verifier is not null) return rejection is AdvertisementRejection.Unauthenticated or AdvertisementRejection.UnknownKey;
        return rejection == AdvertisementRejection.WrongLength
            && datagram.Length == AuthenticatedAdvertisement.Size
            && Advertisement.TryDecode(datagram.Slice(0, Advertisement.Size), out _, out _);
    }

    /// <summary>Why a node's key setting can make its peers' adverts unreadable, for the log.</summary>
    public string MismatchHint => _verifier is null
        ? "its adverts carry an authentication trailer (52 bytes): that node has a key and this one has none (give -AuthKeyFile or IF_AUTH_KEY_FILE)"
        : "its adverts are not signed with any of this node's keys (" + _verifier.Keys + "): that node has no key or another one";

    /// <inheritdoc />
    public void Dispose() => _verifier?.Dispose();
}
