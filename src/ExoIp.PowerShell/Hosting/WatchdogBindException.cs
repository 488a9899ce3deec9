using System.IO;
using System.Net;
using System.Net.Sockets;

namespace ExoIp.PowerShell.Hosting;

/// <summary>A watchdog cannot listen where it was told to; the message names the address.</summary>
public sealed class WatchdogBindException : IOException
{
    internal WatchdogBindException(string name, IPEndPoint bind, SocketException inner)
        : base($"Watchdog {name} cannot listen on {bind}: {inner.Message}.", inner)
    {
        Bind = bind;
    }

    /// <summary>The address and port that could not be bound.</summary>
    public IPEndPoint Bind { get; }
}
