using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace ExoIp.Authentication;

/// <summary>
/// A file's Unix permission bits. netstandard2.0 has no API for them; .NET 7 and later have
/// <c>File.GetUnixFileMode</c>/<c>SetUnixFileMode</c>, bound here once by reflection (pwsh and the native
/// helper run on .NET 10). Windows has no such bits: there the checks are skipped.
/// </summary>
internal static class UnixFileAccess
{
    /// <summary>Owner read and write (0600).</summary>
    public const int OwnerOnly = 0x180;

    /// <summary>Any permission for the group or others (077).</summary>
    public const int GroupOrOthers = 0x3F;

    private static readonly MethodInfo? GetMode = typeof(File).GetMethod("GetUnixFileMode", new[] { typeof(string) });
    private static readonly Type? ModeType = GetMode?.ReturnType;
    private static readonly MethodInfo? SetMode = ModeType is null ? null : typeof(File).GetMethod("SetUnixFileMode", new[] { typeof(string), ModeType });

    /// <summary>True where files have Unix permission bits.</summary>
    public static bool Applies => !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    /// <summary>The permission bits of <paramref name="path"/>.</summary>
    /// <exception cref="PlatformNotSupportedException">A Unix runtime without the API (older than .NET 7).</exception>
    public static int Read(string path)
    {
        if (GetMode is null) throw Unsupported();
        return Convert.ToInt32(Invoke(GetMode, path), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Sets the permission bits of <paramref name="path"/>.</summary>
    /// <exception cref="PlatformNotSupportedException">A Unix runtime without the API (older than .NET 7).</exception>
    public static void Write(string path, int mode)
    {
        if (SetMode is null) throw Unsupported();
        Invoke(SetMode, path, Enum.ToObject(ModeType!, mode));
    }

    /// <summary>The mode as ls and chmod write it, e.g. 0644.</summary>
    public static string Octal(int mode) => "0" + Convert.ToString(mode & 0xFFF, 8).PadLeft(3, '0');

    private static object? Invoke(MethodInfo method, params object[] arguments)
    {
        try
        {
            return method.Invoke(null, arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            // The caller sees the I/O error itself (missing file, access denied), not the reflection wrapper.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }

    private static PlatformNotSupportedException Unsupported() =>
        new("This runtime cannot read or set Unix file permissions; ExoIp needs .NET 7 or later on Unix.");
}
