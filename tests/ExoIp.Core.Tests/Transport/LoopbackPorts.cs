using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;

namespace ExoIp.Tests.Transport;

/// <summary>A UDP port free on several loopback addresses at once, so concurrent test runs do not collide.</summary>
internal static class LoopbackPorts
{
    public static int FindFree(params IPAddress[] addresses)
    {
        for (var attempt = 0; ; attempt++)
        {
            var sockets = new List<Socket>();
            try
            {
                var first = Bind(sockets, new IPEndPoint(addresses[0], 0));
                var port = ((IPEndPoint)first.LocalEndPoint!).Port;
                for (var i = 1; i < addresses.Length; i++) Bind(sockets, new IPEndPoint(addresses[i], port));
                return port;
            }
            catch (SocketException) when (attempt < 20)
            {
                // taken on another address: ask the OS for another one
            }
            finally
            {
                foreach (var socket in sockets) socket.Dispose();
            }
        }
    }

    private static Socket Bind(List<Socket> sockets, IPEndPoint endPoint)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sockets.Add(socket);
        socket.Bind(endPoint);
        return socket;
    }
}
