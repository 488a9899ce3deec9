using System;
using System.Diagnostics;
using System.IO;

namespace ExoIp.Tests.Processes;

/// <summary>Executable scripts in a temporary directory, removed on dispose: the real commands users give.</summary>
internal sealed class ScriptFiles : IDisposable
{
    /// <summary>How long a test waits for a process to do something: generous, the machine is loaded.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    public ScriptFiles() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "exoip-tests-" + Guid.NewGuid().ToString("N"));

    public string PathOf(string name) => Path.Combine(Root, name);

    /// <summary>Writes an executable /bin/sh script and returns its path.</summary>
    public string Script(string name, string body)
    {
        var path = PathOf(name);
        File.WriteAllText(path, "#!/bin/sh\n" + body.Replace("\r\n", "\n") + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>True while a process with this pid exists (and is not a zombie).</summary>
    public static bool IsAlive(int pid)
    {
        var status = $"/proc/{pid}/stat";
        if (!File.Exists(status)) return false;
        try
        {
            var fields = File.ReadAllText(status);
            return fields[(fields.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    public static int ReadPid(string path) => int.Parse(File.ReadAllText(path).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException e)
        {
            Debug.WriteLine(e);
        }
    }
}
