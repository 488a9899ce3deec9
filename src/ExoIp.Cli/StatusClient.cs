using System;
using System.IO;
using System.Net.Sockets;
using System.Text;

namespace ExoIp.Cli;

/// <summary>The asking side of the status socket: connect, read the document to the end.</summary>
internal static class StatusClient
{
    /// <summary>Reads the document at <paramref name="path"/>; false when no watchdog answers there.</summary>
    public static bool TryRead(string path, out string document)
    {
        document = "";
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.ReceiveTimeout = 10_000;
            socket.Connect(new UnixDomainSocketEndPoint(path));
            using var stream = new NetworkStream(socket);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            document = reader.ReadToEnd();
            return document.Length > 0;
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return false;
        }
    }
}
