using System;
using System.Globalization;
using System.Management.Automation;
using System.Security;
using ExoIp.Authentication;
using ExoIp.PowerShell.Infrastructure;
using ExoIp.PowerShell.Output;
using ExoIp.Protocol;
using ExoIp.Watchdog;

namespace ExoIp.PowerShell.Commands;

/// <summary>
/// Decodes a watchdog advertisement datagram (for instance one captured with tcpdump) and says why it
/// would be rejected; with a key, verifies an authenticated advert (its MAC, key id, timestamp, and
/// replays among the datagrams of one call).
/// </summary>
[Cmdlet(VerbsData.ConvertFrom, "ExoIpAdvertisement", DefaultParameterSetName = BytesSet)]
[OutputType(typeof(AdvertisementRecord))]
public sealed class ConvertFromExoIpAdvertisementCommand : PSCmdlet, IDisposable
{
    private const string BytesSet = "Bytes";
    private const string HexSet = "Hex";

    /// <summary>The datagram's bytes.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = BytesSet)]
    [AllowEmptyCollection]
    public byte[] Datagram { get; set; } = Array.Empty<byte>();

    /// <summary>The datagram as hexadecimal text; spaces, colons and dashes are ignored.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = HexSet)]
    [AllowEmptyString]
    public string Hex { get; set; } = string.Empty;

    /// <summary>The key (or the current and next keys) to verify authenticated adverts with.</summary>
    [Parameter]
    [ValidateCount(1, 2)]
    public SecureString[]? AuthKey { get; set; }

    /// <summary>Files holding the key (or keys) in their first line.</summary>
    [Parameter]
    [ValidateCount(1, 2)]
    public string[]? AuthKeyFile { get; set; }

    private AdvertisementVerifier? _verifier;

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        AuthKeyRing? ring;
        try
        {
            ring = AuthKeyParameters.Resolve(this, AuthKey, AuthKeyFile);
        }
        catch (AuthKeyException ex)
        {
            ThrowTerminatingError(ErrorRecords.From(ex, null));
            return;
        }
        catch (PSArgumentException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "AuthKeyAndAuthKeyFile", ErrorCategory.InvalidArgument, null));
            return;
        }
        if (ring is null) return;
        var defaults = new WatchdogOptions();
        _verifier = new AdvertisementVerifier(ring, TimeProvider.System, AdvertisementVerifier.WindowFor(defaults.Interval, defaults.DeadRatio));
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var bytes = Datagram;
        if (ParameterSetName == HexSet && !TryParseHex(Hex, out bytes))
        {
            WriteError(new ErrorRecord(
                new ArgumentException($"'{Hex}' is not hexadecimal text with an even number of digits."),
                "InvalidHexString", ErrorCategory.InvalidArgument, Hex));
            return;
        }

        AuthenticatedAdvertisement.TryReadTrailer(bytes, out var trailer);
        var hasTrailer = bytes.Length == AuthenticatedAdvertisement.Size;
        if (_verifier is null)
        {
            var accepted = Advertisement.TryDecode(bytes, out var advertisement, out var rejection);
            WriteObject(new AdvertisementRecord(bytes.Length, accepted, rejection, accepted ? advertisement : null, hasTrailer ? trailer : null));
            return;
        }

        var verified = _verifier.TryVerify(bytes, out var authenticated, out trailer, out var why);
        // A stale or replayed advert is authentic, only not fresh: what it says is still worth showing.
        Advertisement? content = verified ? authenticated
            : why is AdvertisementRejection.Stale or AdvertisementRejection.Replayed
              && Advertisement.TryDecode(bytes.AsSpan(0, Advertisement.Size), out var old, out _) ? old : null;
        WriteObject(new AdvertisementRecord(bytes.Length, verified, why, content, hasTrailer ? trailer : null));
    }

    /// <inheritdoc />
    public void Dispose() => _verifier?.Dispose();

    private static bool TryParseHex(string text, out byte[] bytes)
    {
        var digits = text.Replace(" ", string.Empty).Replace(":", string.Empty).Replace("-", string.Empty);
        bytes = new byte[digits.Length / 2];
        if (digits.Length % 2 != 0) return false;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (!byte.TryParse(digits.Substring(2 * i, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i]))
                return false;
        }
        return true;
    }
}
