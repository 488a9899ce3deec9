using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Text;

namespace ExoIp.Tests.Systemd;

/// <summary>The test's side of systemd's notify socket: a real Unix datagram socket, bound to a path or an abstract name.</summary>
internal sealed class NotifySocket : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly string? _directory;

    private NotifySocket(string address, string? directory)
    {
        Address = address;
        _directory = directory;
        _socket.Bind(new UnixDomainSocketEndPoint(address[0] == '@' ? "\0" + address.Substring(1) : address));
    }

    /// <summary>What $NOTIFY_SOCKET holds for it.</summary>
    public string Address { get; }

    public static NotifySocket AtPath()
    {
        var directory = Directory.CreateTempSubdirectory("exoip-notify-").FullName;
        return new NotifySocket(Path.Combine(directory, "notify"), directory);
    }

    public static NotifySocket Abstract() => new("@exoip-test-" + Guid.NewGuid().ToString("N"), null);

    /// <summary>Reads $NOTIFY_SOCKET as systemd sets it for this socket.</summary>
    public string? Environment(string name) => name == "NOTIFY_SOCKET" ? Address : null;

    /// <summary>The next datagram's assignments, or null when none came within <paramref name="wait"/>.</summary>
    public IReadOnlyList<string>? Receive(TimeSpan wait)
    {
        if (!_socket.Poll((int)wait.TotalMicroseconds, SelectMode.SelectRead)) return null;
        var buffer = new byte[4096];
        var length = _socket.Receive(buffer);
        return Encoding.UTF8.GetString(buffer, 0, length).Split('\n');
    }

    /// <summary>Reads datagrams until one has <paramref name="assignment"/>; every line read on the way goes to <paramref name="seen"/>.</summary>
    public bool ReceiveUntil(string assignment, TimeSpan deadline, List<string> seen)
    {
        var until = DateTime.UtcNow + deadline;
        while (DateTime.UtcNow < until)
        {
            if (Receive(until - DateTime.UtcNow) is not { } lines) return false;
            seen.AddRange(lines);
            if (lines.Contains(assignment)) return true;
        }
        return false;
    }

    /// <summary>How many datagrams are waiting, read and dropped.</summary>
    public int Drain()
    {
        var count = 0;
        while (Receive(TimeSpan.Zero) is not null) count++;
        return count;
    }

    public void Dispose()
    {
        _socket.Dispose();
        if (_directory is not null) Directory.Delete(_directory, recursive: true);
    }
}
