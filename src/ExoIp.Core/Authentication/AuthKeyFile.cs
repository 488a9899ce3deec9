using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace ExoIp.Authentication;

/// <summary>
/// A key file: the key is its first line. Like ssh with a private key, a file that the group or others
/// may access is refused, so a key readable by every local user never authenticates anything.
/// </summary>
public static class AuthKeyFile
{
    /// <summary>Random bytes in a new key (its text, base64, is 44 characters).</summary>
    public const int NewKeyBytes = 32;

    /// <summary>Reads the key in the first line of <paramref name="path"/>.</summary>
    /// <exception cref="AuthKeyException">The file is missing, unreadable, too open, or its key too short.</exception>
    public static AuthKey Read(string path)
    {
        if (string.IsNullOrEmpty(path)) throw new ArgumentException("A key file path is needed.", nameof(path));
        if (!File.Exists(path))
            throw new AuthKeyException(AuthKeyProblem.FileNotFound, $"The key file '{path}' does not exist.");
        try
        {
            RefuseIfOpen(path);
            using var reader = new StreamReader(path, new UTF8Encoding(false));
            var line = reader.ReadLine() ?? string.Empty;
            return AuthKey.FromText(line, $"the first line of '{path}'");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AuthKeyException(AuthKeyProblem.FileUnreadable, $"The key file '{path}' cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Writes a new random key (base64 of <see cref="NewKeyBytes"/> bytes, one line) to <paramref name="path"/>,
    /// readable by its owner only; the file appears whole or not at all.
    /// </summary>
    /// <exception cref="AuthKeyException">The file exists and <paramref name="overwrite"/> is false, or it cannot be written.</exception>
    public static AuthKey Create(string path, bool overwrite)
    {
        if (string.IsNullOrEmpty(path)) throw new ArgumentException("A key file path is needed.", nameof(path));
        if (!overwrite && File.Exists(path))
            throw new AuthKeyException(AuthKeyProblem.FileExists, $"The key file '{path}' exists; give -Force to replace it.");

        var random = new byte[NewKeyBytes];
        using (var generator = RandomNumberGenerator.Create()) generator.GetBytes(random);
        var text = Convert.ToBase64String(random);
        Array.Clear(random, 0, random.Length);

        // The key goes into a temporary file beside the target, made owner-only before it holds anything,
        // then moved into place: readers see the old key or the new one, never a part or a readable copy.
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                if (UnixFileAccess.Applies) UnixFileAccess.Write(temporary, UnixFileAccess.OwnerOnly);
                var bytes = Encoding.ASCII.GetBytes(text + "\n");
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(flushToDisk: true);
            }
            if (File.Exists(path)) File.Replace(temporary, path, destinationBackupFileName: null);
            else File.Move(temporary, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AuthKeyException(AuthKeyProblem.FileUnwritable, $"The key file '{path}' cannot be written: {ex.Message}", ex);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
        return AuthKey.FromText(text, $"the new key for '{path}'");
    }

    private static void RefuseIfOpen(string path)
    {
        if (!UnixFileAccess.Applies) return;
        var mode = UnixFileAccess.Read(path);
        if ((mode & UnixFileAccess.GroupOrOthers) != 0)
            throw new AuthKeyException(AuthKeyProblem.FileTooOpen,
                $"Permissions {UnixFileAccess.Octal(mode)} for the key file '{path}' are too open: other users may read the key. Run 'chmod 600 {path}'.");
    }
}
