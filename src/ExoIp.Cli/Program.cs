using System;
using System.Threading.Tasks;

// The native executable is published for linux-x64 (unix sockets with modes, /run, /proc, systemd).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace ExoIp.Cli;

/// <summary>The native <c>exoip</c>: see <c>exoip -h</c> and the README's "The exoip command line".</summary>
public static class Program
{
    /// <summary>0 done, 1 runtime error, 2 usage or configuration error.</summary>
    public static Task<int> Main(string[] args) => ExoipCommand.RunAsync(args, Console.Out, Console.Error);
}
