using System;
using System.IO;

namespace ExoIp.Exoscale;

/// <summary>
/// The instance's facts from the <c>cidata</c> CD-ROM Exoscale attaches to every instance (egoscale's
/// <c>metadata.FromCdRom</c>): private instances have no HTTP metadata service, but this disc. Its
/// <c>meta-data</c> file holds <c>key: value</c> lines (<c>instance-id</c>, <c>availability-zone</c>, ...). The disc
/// is read where it is mounted (e.g. <c>mount -o ro LABEL=cidata /mnt/cidata</c>).
/// </summary>
public sealed class CidataCdRom
{
    /// <summary>Where the disc is looked for unless told otherwise.</summary>
    public const string DefaultMountPoint = "/mnt/cidata";

    /// <summary>The file of the disc that holds the metadata.</summary>
    public const string MetaDataFile = "meta-data";

    /// <summary>Creates the reader of the disc mounted at <paramref name="mountPoint"/> (or of that meta-data file itself).</summary>
    public CidataCdRom(string? mountPoint = null)
    {
        var path = string.IsNullOrWhiteSpace(mountPoint) ? DefaultMountPoint : mountPoint!;
        MetaDataPath = Directory.Exists(path) ? Path.Combine(path, MetaDataFile) : path;
    }

    /// <summary>The meta-data file read.</summary>
    public string MetaDataPath { get; }

    /// <summary>True when the disc's meta-data file is there.</summary>
    public bool IsPresent => File.Exists(MetaDataPath);

    /// <summary>The value of <paramref name="key"/> (e.g. <c>instance-id</c>); null when the disc or the key is missing.</summary>
    /// <exception cref="IOException">The file exists but cannot be read.</exception>
    public string? Read(string key)
    {
        if (!IsPresent) return null;
        foreach (var line in File.ReadAllLines(MetaDataPath))
        {
            var colon = line.IndexOf(':');
            if (colon > 0 && string.Equals(line.Substring(0, colon).Trim(), key, StringComparison.Ordinal))
                return line.Substring(colon + 1).Trim().Trim('"', '\'');
        }
        return null;
    }
}
