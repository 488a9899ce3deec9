using System;
using System.Globalization;
using System.IO;
using System.Net;

namespace ExoIp.Bench.Flood;

/// <summary>
/// A bound UDP socket as Linux reports it in /proc/net/udp: the bytes waiting in its receive queue and the
/// datagrams the kernel dropped because the queue was full. Lets a sender keep pace with its receiver and
/// prove that every datagram reached the program.
/// </summary>
/// <param name="ReceiveQueueBytes">Bytes queued for the program to read.</param>
/// <param name="Drops">Datagrams dropped by the kernel since the socket was created.</param>
internal sealed record UdpSocketStatus(long ReceiveQueueBytes, long Drops)
{
    private const string Table = "/proc/net/udp";

    /// <summary>True where the kernel publishes the table (Linux).</summary>
    public static bool Available => File.Exists(Table);

    /// <summary>The socket bound to <paramref name="local"/>; null when none is.</summary>
    public static UdpSocketStatus? Read(IPEndPoint local)
    {
        // Columns: sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ref pointer drops;
        // addresses are the 32-bit value in host byte order, in hex, then the port in hex.
        var address = BitConverter.ToUInt32(local.Address.GetAddressBytes(), 0).ToString("X8", CultureInfo.InvariantCulture);
        var wanted = $"{address}:{local.Port:X4}";
        foreach (var line in File.ReadLines(Table))
        {
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 13 || fields[1] != wanted) continue;
            var queues = fields[4].Split(':');
            return new UdpSocketStatus(
                long.Parse(queues[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                long.Parse(fields[12], CultureInfo.InvariantCulture));
        }
        return null;
    }
}
