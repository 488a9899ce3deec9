using System;
using System.IO;
using System.Text;

namespace ExoIp.Exoscale;

/// <summary>
/// The instance's facts from the <c>cidata</c> CD-ROM Exoscale attaches to every instance (egoscale's
/// <c>metadata.FromCdRom</c>): private instances have no HTTP metadata service, but this disc. Its
/// <c>meta-data</c> file holds <c>key: value</c> lines (<c>instance-id</c>, <c>availability-zone</c>, ...). The disc
/// is read from its device (by default <c>/dev/disk/by-label/cidata</c>; reading it needs root), from an image
/// file, or where it is mounted.
/// </summary>
public sealed class CidataCdRom
{
    /// <summary>Where the disc is looked for unless told otherwise, as egoscale does.</summary>
    public const string DefaultPath = "/dev/disk/by-label/cidata";

    /// <summary>The file of the disc that holds the metadata.</summary>
    public const string MetaDataFile = "meta-data";

    /// <summary>Creates the reader of the disc at <paramref name="path"/>: a device or image, a mount point, or its meta-data file.</summary>
    public CidataCdRom(string? path = null)
    {
        var given = string.IsNullOrWhiteSpace(path) ? DefaultPath : path!;
        Path = Directory.Exists(given) ? System.IO.Path.Combine(given, MetaDataFile) : given;
    }

    /// <summary>The device, image or meta-data file read.</summary>
    public string Path { get; }

    /// <summary>True when there is something to read there.</summary>
    public bool IsPresent => File.Exists(Path);

    /// <summary>The value of <paramref name="key"/> (e.g. <c>instance-id</c>); null when the disc or the key is missing.</summary>
    /// <exception cref="IOException">It exists but cannot be read.</exception>
    /// <exception cref="InvalidDataException">It is an ISO 9660 image, but a damaged one.</exception>
    public string? Read(string key)
    {
        if (!IsPresent) return null;
        foreach (var line in ReadMetaData().Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon > 0 && string.Equals(line.Substring(0, colon).Trim(), key, StringComparison.Ordinal))
                return line.Substring(colon + 1).Trim().Trim('"', '\'');
        }
        return null;
    }

    private string ReadMetaData()
    {
        using var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (file.CanSeek && Iso9660.IsImage(file))
        {
            var content = Iso9660.ReadRootFile(file, MetaDataFile);
            return content is null ? string.Empty : Encoding.UTF8.GetString(content);
        }
        file.Seek(0, SeekOrigin.Begin);
        using var reader = new StreamReader(file, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
