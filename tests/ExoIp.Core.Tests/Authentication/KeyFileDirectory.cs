using System;
using System.IO;

namespace ExoIp.Tests.Authentication;

/// <summary>A scratch directory of key files with the modes a test asks for; deleted on dispose.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // key files are checked for Unix modes
internal sealed class KeyFileDirectory : IDisposable
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public string Path { get; } = Directory.CreateTempSubdirectory("exoip-keys-").FullName;

    /// <summary>Writes <paramref name="content"/> to a new file (a random name unless given) with <paramref name="mode"/>.</summary>
    public string Write(string content, UnixFileMode mode = OwnerOnly, string? name = null)
    {
        var path = System.IO.Path.Combine(Path, name ?? Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, mode);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
