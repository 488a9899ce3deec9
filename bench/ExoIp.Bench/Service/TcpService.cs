using System;
using System.Net.Sockets;

namespace ExoIp.Bench.Service;

/// <summary>
/// The <c>service</c> command: the service behind an Elastic IP, as far as a <c>tcp://</c> health check can
/// tell. It listens on an address and port and closes every connection it accepts, until it is killed (the
/// benchmark's service-aware failover kills it with SIGKILL and starts it again). It writes no result file.
/// </summary>
internal static class TcpService
{
    /// <summary>Runs the command; returns only by failing to bind.</summary>
    public static int Run(CommandLine options)
    {
        var endPoint = options.EndPoint("listen");
        options.ThrowIfUnread();
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        // A restarted service binds its port again at once, past the connections the killed one left in TIME_WAIT.
        listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        try
        {
            listener.Bind(endPoint);
        }
        catch (SocketException ex)
        {
            Console.Error.WriteLine($"Cannot listen on {endPoint}: {ex.Message}");
            return 1;
        }
        listener.Listen(64);
        // The line the benchmark waits for, with the moment a check's connection could first open: the line
        // itself may reach the benchmark after a check has passed.
        Console.WriteLine(FormattableString.Invariant($"Listening on {endPoint} since {DateTimeOffset.UtcNow:O}."));
        while (true)
        {
            using var connection = listener.Accept();
        }
    }
}
