using System;
using System.Globalization;
using System.Management.Automation;
using ExoIp.PowerShell.Output;
using ExoIp.Protocol;

namespace ExoIp.PowerShell.Commands;

/// <summary>
/// Decodes a watchdog advertisement datagram (for instance one captured with tcpdump) and says why it
/// would be rejected.
/// </summary>
[Cmdlet(VerbsData.ConvertFrom, "ExoIpAdvertisement", DefaultParameterSetName = BytesSet)]
[OutputType(typeof(AdvertisementRecord))]
public sealed class ConvertFromExoIpAdvertisementCommand : PSCmdlet
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

        var accepted = Advertisement.TryDecode(bytes, out var advertisement, out var rejection);
        WriteObject(new AdvertisementRecord(bytes.Length, accepted, rejection, advertisement));
    }

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
