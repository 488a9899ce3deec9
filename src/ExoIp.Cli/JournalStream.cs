using System;
using System.IO;

namespace ExoIp.Cli;

/// <summary>
/// Whether a standard stream is connected to systemd's journal: systemd sets <c>JOURNAL_STREAM=device:inode</c>
/// for the socket it gives a service as standard output and error; the stream is the journal's when its file
/// descriptor is that socket (a service that redirects its output elsewhere keeps the variable but not the socket).
/// </summary>
internal static class JournalStream
{
    /// <summary>True when file descriptor <paramref name="descriptor"/> (1 or 2) is the journal's socket.</summary>
    public static bool Is(int descriptor, Func<string, string?> environment)
    {
        var stream = environment("JOURNAL_STREAM");
        if (string.IsNullOrEmpty(stream)) return false;
        var colon = stream!.IndexOf(':');
        if (colon < 0) return false;
        var inode = stream.Substring(colon + 1);
        // Linux names a socket's descriptor socket:[inode]; the socket file system has one device, so the inode decides.
        string? target;
        try
        {
            target = new FileInfo($"/proc/self/fd/{descriptor}").LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
        return target == $"socket:[{inode}]";
    }
}
